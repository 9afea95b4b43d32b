import { ActionForm } from './action-form';
import { Aliases } from './aliases';
import { call, callAll, type AdminSession } from './api';
import { listUsers } from './users';
import { useLoad } from './use-load';

/** A group as ListGroups returns it. */
export interface Group {
  readonly Id: string;
  readonly Email?: string;
  readonly Name: string;
  readonly State: string;
}
interface Member {
  readonly Id: string;
  readonly Name: string;
  readonly Type: string;
}

/** Every group of the organization (ListGroups, all pages). */
export const listGroups = (session: AdminSession, organizationId: string) =>
  callAll<Group>(session, 'WorkMailService.ListGroups', { OrganizationId: organizationId }, 'Groups');

/** A group's members, and a form to add a user. */
function GroupMembers(props: { session: AdminSession; organizationId: string; group: Group }) {
  const key = { OrganizationId: props.organizationId, GroupId: props.group.Id };
  const members = useLoad(
    () => callAll<Member>(props.session, 'WorkMailService.ListGroupMembers', key, 'Members'),
    [props.group.Id],
  );
  const users = useLoad(() => listUsers(props.session, props.organizationId), [props.organizationId]);
  return (
    <div>
      <ul aria-label={`Members of ${props.group.Name}`}>
        {(members.value ?? []).map((member) => (
          <li key={member.Id}>
            {member.Name} ({member.Type.toLowerCase()})
          </li>
        ))}
      </ul>
      <ActionForm
        label={`Add a member to ${props.group.Name}`}
        submit="Add member"
        run={async ({ MemberId }) => {
          await call(props.session, 'WorkMailService.AssociateMemberToGroup', { ...key, MemberId });
          members.reload();
        }}
      >
        <select name="MemberId" aria-label="User to add" required>
          {(users.value ?? []).map((user) => (
            <option key={user.Id} value={user.Id}>
              {user.DisplayName || user.Name}
            </option>
          ))}
        </select>
      </ActionForm>
    </div>
  );
}

/** The organization's groups with their members, and a form that creates one at an address. */
export function Groups(props: { session: AdminSession; organizationId: string }) {
  const groups = useLoad(() => listGroups(props.session, props.organizationId), [props.organizationId]);
  return (
    <section aria-labelledby="groups-heading">
      <h3 id="groups-heading">Groups</h3>
      {groups.error && <p role="alert">{groups.error}</p>}
      {(groups.value ?? []).map((group) => (
        <details key={group.Id}>
          <summary>
            {group.Name} {group.Email ? `<${group.Email}>` : ''} · {group.State}
          </summary>
          <GroupMembers session={props.session} organizationId={props.organizationId} group={group} />
          {group.State === 'ENABLED' && (
            <Aliases
              session={props.session}
              organizationId={props.organizationId}
              entityId={group.Id}
              name={group.Name}
            />
          )}
        </details>
      ))}
      <ActionForm
        label="Create group"
        submit="Create group"
        run={async ({ Name, Email }) => {
          const { GroupId } = await call<{ GroupId: string }>(props.session, 'WorkMailService.CreateGroup', {
            OrganizationId: props.organizationId,
            Name,
          });
          if (Email)
            await call(props.session, 'WorkMailService.RegisterToWorkMail', {
              OrganizationId: props.organizationId,
              EntityId: GroupId,
              Email,
            });
          groups.reload();
          return `Group ${Name} created`;
        }}
      >
        <input name="Name" aria-label="Group name" placeholder="group name" required />
        <input name="Email" aria-label="Group email address" type="email" placeholder="email address" />
      </ActionForm>
    </section>
  );
}

import { ACCESS_CONTROL_ACTIONS } from '../../../lambdas/core/access-control/types';
import { ActionForm } from './action-form';
import { call, type AdminSession } from './api';
import { AccessEffectTester } from './access-effect-tester';
import { joined, listOf } from './fields';
import { listImpersonationRoles, type ImpersonationRoleSummary } from './impersonation';
import { listUsers, type User } from './users';
import { useLoad } from './use-load';

/** An access control rule as ListAccessControlRules returns it. */
interface AccessControlRule {
  readonly Name: string;
  readonly Effect: 'ALLOW' | 'DENY';
  readonly Description: string;
  readonly IpRanges: string[];
  readonly NotIpRanges: string[];
  readonly Actions: string[];
  readonly NotActions: string[];
  readonly UserIds: string[];
  readonly NotUserIds: string[];
  readonly ImpersonationRoleIds: string[];
  readonly NotImpersonationRoleIds: string[];
}

/** The ids of the users a field names by user name, address or id; an unknown one is passed on for the API to refuse. */
function userIds(text: string, users: readonly User[]): string[] {
  return listOf(text).map((name) => {
    const key = name.toLowerCase();
    const user = users.find(
      (candidate) =>
        candidate.Id === name ||
        candidate.Name.toLowerCase() === key ||
        candidate.Email?.toLowerCase() === key,
    );
    return user?.Id ?? name;
  });
}

/** The ids of the impersonation roles a field names by name or id. */
function roleIds(text: string, roles: readonly ImpersonationRoleSummary[]): string[] {
  return listOf(text).map(
    (name) =>
      roles.find((role) => role.Name === name || role.ImpersonationRoleId === name)?.ImpersonationRoleId ??
      name,
  );
}

/** One rule's conditions, as short labelled lines, with users and roles by name. */
function Conditions(props: {
  rule: AccessControlRule;
  users: readonly User[];
  roles: readonly ImpersonationRoleSummary[];
}) {
  const user = (id: string) => props.users.find((candidate) => candidate.Id === id)?.Name ?? id;
  const role = (id: string) =>
    props.roles.find((candidate) => candidate.ImpersonationRoleId === id)?.Name ?? id;
  const { rule } = props;
  const lines: [string, string[]][] = [
    ['IPs', rule.IpRanges],
    ['Not IPs', rule.NotIpRanges],
    ['Protocols', rule.Actions],
    ['Not protocols', rule.NotActions],
    ['Users', rule.UserIds.map(user)],
    ['Not users', rule.NotUserIds.map(user)],
    ['Roles', rule.ImpersonationRoleIds.map(role)],
    ['Not roles', rule.NotImpersonationRoleIds.map(role)],
  ];
  const present = lines.filter(([, items]) => items.length > 0);
  if (present.length === 0) return <>everyone, everywhere</>;
  return (
    <>
      {present.map(([label, items]) => (
        <div key={label}>
          {label}: {joined(items)}
        </div>
      ))}
    </>
  );
}

/**
 * Access control rules: who may reach mailboxes over which protocol from which addresses. Saving a rule with the
 * name of an existing one replaces it; the tester shows what the rules decide for one request.
 */
export function AccessControl(props: { session: AdminSession; organizationId: string }) {
  const organization = { OrganizationId: props.organizationId };
  const rules = useLoad(
    () =>
      call<{ Rules: AccessControlRule[] }>(
        props.session,
        'WorkMailService.ListAccessControlRules',
        organization,
      ),
    [props.organizationId],
  );
  const users = useLoad(() => listUsers(props.session, props.organizationId), [props.organizationId]);
  const roles = useLoad(
    () => listImpersonationRoles(props.session, props.organizationId),
    [props.organizationId],
  );
  return (
    <section aria-labelledby="access-control-heading">
      <h3 id="access-control-heading">Access control rules</h3>
      <p>
        A request is denied when a DENY rule matches it, allowed when an ALLOW rule does, and denied
        otherwise.
      </p>
      {rules.error && <p role="alert">{rules.error}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Effect</th>
            <th scope="col">Description</th>
            <th scope="col">Applies to</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(rules.value?.Rules ?? []).map((rule) => (
            <tr key={rule.Name}>
              <td>{rule.Name}</td>
              <td>{rule.Effect}</td>
              <td>{rule.Description}</td>
              <td>
                <Conditions rule={rule} users={users.value ?? []} roles={roles.value ?? []} />
              </td>
              <td>
                <ActionForm
                  label={`Delete rule ${rule.Name}`}
                  submit="Delete"
                  run={async () => {
                    await call(props.session, 'WorkMailService.DeleteAccessControlRule', {
                      ...organization,
                      Name: rule.Name,
                    });
                    rules.reload();
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Add or replace a rule</h4>
      <ActionForm
        label="Save access control rule"
        submit="Save rule"
        stacked
        run={async (fields) => {
          const known = { users: users.value ?? [], roles: roles.value ?? [] };
          await call(props.session, 'WorkMailService.PutAccessControlRule', {
            ...organization,
            Name: fields.Name,
            Effect: fields.Effect,
            Description: fields.Description,
            IpRanges: listOf(fields.IpRanges),
            NotIpRanges: listOf(fields.NotIpRanges),
            Actions: listOf(fields.Actions),
            NotActions: listOf(fields.NotActions),
            UserIds: userIds(fields.UserIds, known.users),
            NotUserIds: userIds(fields.NotUserIds, known.users),
            ImpersonationRoleIds: roleIds(fields.ImpersonationRoleIds, known.roles),
            NotImpersonationRoleIds: roleIds(fields.NotImpersonationRoleIds, known.roles),
          });
          rules.reload();
          return `Rule ${fields.Name} saved`;
        }}
      >
        <div class="grid">
          <label>
            Rule name
            <input name="Name" required pattern="[a-zA-Z0-9_\-]{1,64}" placeholder="deny-imap-outside" />
          </label>
          <label>
            Effect
            <select name="Effect">
              <option value="DENY">Deny</option>
              <option value="ALLOW">Allow</option>
            </select>
          </label>
        </div>
        <label>
          Description
          <input name="Description" maxLength={255} />
        </label>
        <p>
          Lists are comma-separated; an empty list imposes nothing. Protocols:{' '}
          {ACCESS_CONTROL_ACTIONS.join(', ')}.
        </p>
        <div class="grid">
          <label>
            IP ranges
            <input name="IpRanges" placeholder="192.0.2.0/24" />
          </label>
          <label>
            Not IP ranges
            <input name="NotIpRanges" placeholder="10.0.0.0/8" />
          </label>
        </div>
        <div class="grid">
          <label>
            Protocols
            <input name="Actions" placeholder="IMAP, SMTP" />
          </label>
          <label>
            Not protocols
            <input name="NotActions" />
          </label>
        </div>
        <div class="grid">
          <label>
            Users (names or addresses)
            <input name="UserIds" />
          </label>
          <label>
            Not users
            <input name="NotUserIds" />
          </label>
        </div>
        <div class="grid">
          <label>
            Impersonation roles (names)
            <input name="ImpersonationRoleIds" />
          </label>
          <label>
            Not impersonation roles
            <input name="NotImpersonationRoleIds" />
          </label>
        </div>
      </ActionForm>
      <AccessEffectTester
        session={props.session}
        organizationId={props.organizationId}
        users={users.value ?? []}
        roles={roles.value ?? []}
      />
    </section>
  );
}

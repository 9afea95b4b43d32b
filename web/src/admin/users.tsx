import { useState } from 'preact/hooks';
import { ActionForm } from './action-form';
import { call, callAll, type AdminSession } from './api';
import { UserDetails } from './user-details';
import { useLoad } from './use-load';

/** A user as ListUsers returns it. */
export interface User {
  readonly Id: string;
  readonly Email?: string;
  readonly Name: string;
  readonly DisplayName?: string;
  readonly State: string;
  readonly UserRole: string;
}

/** Every user of the organization (ListUsers, all pages). */
export const listUsers = (session: AdminSession, organizationId: string) =>
  callAll<User>(session, 'WorkMailService.ListUsers', { OrganizationId: organizationId }, 'Users');

/**
 * The organization's users, a form that creates one and gives it a mailbox at an address, and the opened user's
 * details.
 */
export function Users(props: { session: AdminSession; organizationId: string }) {
  const users = useLoad(() => listUsers(props.session, props.organizationId), [props.organizationId]);
  const [openId, setOpenId] = useState<string>();
  const opened = users.value?.find((user) => user.Id === openId);
  return (
    <section aria-labelledby="users-heading">
      <h3 id="users-heading">Users</h3>
      {users.error && <p role="alert">{users.error}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">State</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {(users.value ?? []).map((user) => (
            <tr key={user.Id}>
              <td>
                <a
                  href={`#/organizations/${props.organizationId}/users/${user.Id}`}
                  aria-current={user.Id === openId ? 'true' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    setOpenId(user.Id);
                  }}
                >
                  {user.DisplayName || user.Name}
                </a>
              </td>
              <td>{user.Email ?? ''}</td>
              <td>{user.State}</td>
              <td>{user.UserRole}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {opened && (
        <UserDetails
          key={opened.Id}
          session={props.session}
          organizationId={props.organizationId}
          user={opened}
          onChange={users.reload}
        />
      )}
      <ActionForm
        label="Create user"
        submit="Create user"
        run={async ({ Name, DisplayName, Password, Email }) => {
          const { UserId } = await call<{ UserId: string }>(props.session, 'WorkMailService.CreateUser', {
            OrganizationId: props.organizationId,
            Name,
            DisplayName: DisplayName || Name,
            Password,
          });
          if (Email)
            await call(props.session, 'WorkMailService.RegisterToWorkMail', {
              OrganizationId: props.organizationId,
              EntityId: UserId,
              Email,
            });
          users.reload();
          return `User ${Name} created`;
        }}
      >
        <input name="Name" aria-label="User name" placeholder="user name" required />
        <input name="DisplayName" aria-label="Display name" placeholder="display name" />
        <input name="Email" aria-label="Email address" type="email" placeholder="email address" />
        <input name="Password" aria-label="Password" type="password" placeholder="password" required />
      </ActionForm>
    </section>
  );
}

import { ActionForm } from './action-form';
import { call, callAll, type AdminSession } from './api';
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

/** The organization's users, and a form that creates one and gives it a mailbox at an address. */
export function Users(props: { session: AdminSession; organizationId: string }) {
  const users = useLoad(() => listUsers(props.session, props.organizationId), [props.organizationId]);
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
              <td>{user.DisplayName || user.Name}</td>
              <td>{user.Email ?? ''}</td>
              <td>{user.State}</td>
              <td>{user.UserRole}</td>
            </tr>
          ))}
        </tbody>
      </table>
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

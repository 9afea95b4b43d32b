import { ActionForm } from './action-form';
import { Aliases } from './aliases';
import { call, type AdminSession } from './api';
import { EntityLifecycle } from './entity-lifecycle';
import { MailboxPermissions } from './mailbox-permissions';
import { useFocusOnOpen } from './use-focus-on-open';
import type { User } from './users';

/**
 * One user, opened from the users table: display name (UpdateUser), password (ResetPassword), mailbox on/off and
 * deletion, and — while the mailbox is on — its aliases and who else may use it.
 */
export function UserDetails(props: {
  session: AdminSession;
  organizationId: string;
  user: User;
  onChange: () => void;
}) {
  const { user } = props;
  const name = user.DisplayName || user.Name;
  const panel = useFocusOnOpen<HTMLElement>();
  return (
    <article aria-label={`User ${name}`} ref={panel} tabIndex={-1}>
      <header>
        <h4>{name}</h4>
        {user.Email ?? 'No mailbox'} · {user.State} · {user.UserRole}
      </header>
      <ActionForm
        label={`Edit the display name of ${name}`}
        submit="Save name"
        run={async ({ DisplayName }) => {
          await call(props.session, 'WorkMailService.UpdateUser', {
            OrganizationId: props.organizationId,
            UserId: user.Id,
            DisplayName,
          });
          props.onChange();
          return `Display name is now ${DisplayName}`;
        }}
      >
        <input name="DisplayName" aria-label="Display name" defaultValue={user.DisplayName} required />
      </ActionForm>
      <ActionForm
        label={`Reset the password of ${name}`}
        submit="Reset password"
        run={async ({ Password }) => {
          await call(props.session, 'WorkMailService.ResetPassword', {
            OrganizationId: props.organizationId,
            UserId: user.Id,
            Password,
          });
          return 'Password reset';
        }}
      >
        <input
          name="Password"
          aria-label="New password"
          type="password"
          autocomplete="new-password"
          required
        />
      </ActionForm>
      <EntityLifecycle
        session={props.session}
        organizationId={props.organizationId}
        entity={{ id: user.Id, name, state: user.State, email: user.Email }}
        kind="User"
        onChange={props.onChange}
      />
      {user.State === 'ENABLED' && (
        <>
          <Aliases
            session={props.session}
            organizationId={props.organizationId}
            entityId={user.Id}
            name={name}
          />
          <MailboxPermissions
            session={props.session}
            organizationId={props.organizationId}
            entityId={user.Id}
            name={name}
          />
        </>
      )}
    </article>
  );
}

import { ActionForm } from './action-form';
import { call, callAll, type AdminSession } from './api';
import { listPrincipals, principalLabel } from './principals';
import { useLoad } from './use-load';

/** What a grantee may do with the mailbox (docs/permissions.md). */
const PERMISSIONS = [
  ['FULL_ACCESS', 'Full access (open the mailbox)'],
  ['SEND_AS', 'Send as'],
  ['SEND_ON_BEHALF', 'Send on behalf'],
] as const;

interface Permission {
  readonly GranteeId: string;
  readonly GranteeType: string;
  readonly PermissionValues: readonly string[];
}

/**
 * Who may use a mailbox (of a user or a resource) and how: the grants (ListMailboxPermissions), a form that grants a
 * user or group some permissions (PutMailboxPermissions, which replaces what that grantee held), and a button that
 * revokes a grantee's permissions (DeleteMailboxPermissions).
 */
export function MailboxPermissions(props: {
  session: AdminSession;
  organizationId: string;
  entityId: string;
  name: string;
}) {
  const key = { OrganizationId: props.organizationId, EntityId: props.entityId };
  const permissions = useLoad(
    () => callAll<Permission>(props.session, 'WorkMailService.ListMailboxPermissions', key, 'Permissions'),
    [props.entityId],
  );
  const principals = useLoad(
    () => listPrincipals(props.session, props.organizationId),
    [props.organizationId],
  );
  const nameOf = (id: string) => principalLabel(principals.value, id);
  return (
    <section aria-label={`Permissions on the mailbox of ${props.name}`}>
      <h5>Mailbox permissions</h5>
      {permissions.error && <p role="alert">{permissions.error}</p>}
      {permissions.value?.length === 0 && <p>Nobody else may use this mailbox.</p>}
      {!!permissions.value?.length && (
        <table>
          <thead>
            <tr>
              <th scope="col">Grantee</th>
              <th scope="col">Permissions</th>
              <th scope="col">Revoke</th>
            </tr>
          </thead>
          <tbody>
            {permissions.value.map((permission) => (
              <tr key={permission.GranteeId}>
                <td>{nameOf(permission.GranteeId)}</td>
                <td>{permission.PermissionValues.join(', ')}</td>
                <td>
                  <ActionForm
                    label={`Revoke the permissions of ${nameOf(permission.GranteeId)}`}
                    submit="Revoke"
                    run={async () => {
                      await call(props.session, 'WorkMailService.DeleteMailboxPermissions', {
                        ...key,
                        GranteeId: permission.GranteeId,
                      });
                      permissions.reload();
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ActionForm
        label={`Grant permissions on the mailbox of ${props.name}`}
        submit="Grant"
        stacked
        run={async (fields) => {
          const PermissionValues = PERMISSIONS.map(([value]) => value).filter((value) => fields[value]);
          await call(props.session, 'WorkMailService.PutMailboxPermissions', {
            ...key,
            GranteeId: fields.GranteeId,
            PermissionValues,
          });
          permissions.reload();
          return `${nameOf(fields.GranteeId)} now has ${PermissionValues.join(', ') || 'no permission'}`;
        }}
      >
        <label>
          Grantee
          <select name="GranteeId" required>
            {[...(principals.value?.values() ?? [])]
              .filter((principal) => principal.id !== props.entityId && principal.state === 'ENABLED')
              .map((principal) => (
                <option key={principal.id} value={principal.id}>
                  {nameOf(principal.id)}
                </option>
              ))}
          </select>
        </label>
        {PERMISSIONS.map(([value, label]) => (
          <label key={value}>
            <input type="checkbox" name={value} />
            {label}
          </label>
        ))}
      </ActionForm>
    </section>
  );
}

import { ActionForm } from './action-form';
import { call, callAll, type AdminSession } from './api';
import { useLoad } from './use-load';

/**
 * The alias addresses of a user, group or resource (ListAliases), with a form to add one (CreateAlias) and a button
 * to remove each (DeleteAlias). Mail to an alias reaches the entity's mailbox.
 */
export function Aliases(props: {
  session: AdminSession;
  organizationId: string;
  entityId: string;
  name: string;
}) {
  const key = { OrganizationId: props.organizationId, EntityId: props.entityId };
  const aliases = useLoad(
    () => callAll<string>(props.session, 'WorkMailService.ListAliases', key, 'Aliases'),
    [props.entityId],
  );
  return (
    <section aria-label={`Aliases of ${props.name}`}>
      <h5>Aliases</h5>
      {aliases.error && <p role="alert">{aliases.error}</p>}
      {aliases.value?.length === 0 && <p>No alias.</p>}
      <table>
        <tbody>
          {(aliases.value ?? []).map((alias) => (
            <tr key={alias}>
              <td>
                <code>{alias}</code>
              </td>
              <td>
                <ActionForm
                  label={`Remove alias ${alias}`}
                  submit="Remove"
                  run={async () => {
                    await call(props.session, 'WorkMailService.DeleteAlias', { ...key, Alias: alias });
                    aliases.reload();
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ActionForm
        label={`Add an alias to ${props.name}`}
        submit="Add alias"
        run={async ({ Alias }) => {
          await call(props.session, 'WorkMailService.CreateAlias', { ...key, Alias });
          aliases.reload();
          return `${Alias} added`;
        }}
      >
        <input
          name="Alias"
          aria-label="Alias address"
          type="email"
          placeholder="alias@example.com"
          required
        />
      </ActionForm>
    </section>
  );
}

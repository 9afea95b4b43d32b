import { ActionForm } from './action-form';
import { call, callAll, type AdminSession } from './api';
import { listPrincipals, principalLabel } from './principals';
import type { Resource } from './resources';
import { useLoad } from './use-load';

interface Delegate {
  readonly Id: string;
  readonly Type: string;
}

/**
 * Who answers a resource's booking requests (ListResourceDelegates), with forms to add an enabled user or group
 * (AssociateDelegateToResource) and to remove one (DisassociateDelegateFromResource).
 */
export function ResourceDelegates(props: {
  session: AdminSession;
  organizationId: string;
  resource: Resource;
}) {
  const key = { OrganizationId: props.organizationId, ResourceId: props.resource.Id };
  const delegates = useLoad(
    () => callAll<Delegate>(props.session, 'WorkMailService.ListResourceDelegates', key, 'Delegates'),
    [props.resource.Id],
  );
  const principals = useLoad(
    () => listPrincipals(props.session, props.organizationId),
    [props.organizationId],
  );
  const nameOf = (id: string) => principalLabel(principals.value, id);
  return (
    <section aria-label={`Delegates of ${props.resource.Name}`}>
      <h5>Delegates</h5>
      {delegates.error && <p role="alert">{delegates.error}</p>}
      {delegates.value?.length === 0 && <p>No delegate.</p>}
      <table>
        <tbody>
          {(delegates.value ?? []).map((delegate) => (
            <tr key={delegate.Id}>
              <td>{nameOf(delegate.Id)}</td>
              <td>
                <ActionForm
                  label={`Remove delegate ${nameOf(delegate.Id)}`}
                  submit="Remove"
                  run={async () => {
                    await call(props.session, 'WorkMailService.DisassociateDelegateFromResource', {
                      ...key,
                      EntityId: delegate.Id,
                    });
                    delegates.reload();
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ActionForm
        label={`Add a delegate to ${props.resource.Name}`}
        submit="Add delegate"
        run={async ({ EntityId }) => {
          await call(props.session, 'WorkMailService.AssociateDelegateToResource', { ...key, EntityId });
          delegates.reload();
          return `${nameOf(EntityId)} is a delegate`;
        }}
      >
        <select name="EntityId" aria-label="Delegate" required>
          {[...(principals.value?.values() ?? [])]
            .filter((principal) => principal.state === 'ENABLED')
            .map((principal) => (
              <option key={principal.id} value={principal.id}>
                {nameOf(principal.id)}
              </option>
            ))}
        </select>
      </ActionForm>
    </section>
  );
}

import { ActionForm } from './action-form';
import { call, callAll, type AdminSession } from './api';
import { useLoad } from './use-load';

/** An organization as ListOrganizations returns it. */
export interface OrganizationSummary {
  readonly OrganizationId: string;
  readonly Alias: string;
  readonly State: string;
  readonly DefaultMailDomain?: string;
}

/** The organizations the admin key may see, and a form to create one. */
export function Organizations(props: {
  session: AdminSession;
  onOpen: (organization: OrganizationSummary) => void;
}) {
  const organizations = useLoad(
    () =>
      callAll<OrganizationSummary>(
        props.session,
        'WorkMailService.ListOrganizations',
        {},
        'OrganizationSummaries',
      ),
    [],
  );
  return (
    <section aria-labelledby="organizations-heading">
      <h2 id="organizations-heading">Organizations</h2>
      {organizations.error && <p role="alert">{organizations.error}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">Alias</th>
            <th scope="col">Default domain</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {(organizations.value ?? []).map((organization) => (
            <tr key={organization.OrganizationId}>
              <td>
                <a
                  href={`#/organizations/${organization.OrganizationId}`}
                  onClick={(event) => {
                    event.preventDefault();
                    props.onOpen(organization);
                  }}
                >
                  {organization.Alias}
                </a>
              </td>
              <td>{organization.DefaultMailDomain ?? ''}</td>
              <td>{organization.State}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ActionForm
        label="Create organization"
        submit="Create organization"
        run={async ({ Alias }) => {
          await call(props.session, 'WorkMailService.CreateOrganization', { Alias });
          organizations.reload();
          return `Organization ${Alias} created`;
        }}
      >
        <input
          name="Alias"
          aria-label="Alias"
          placeholder="alias (e.g. acme)"
          required
          pattern="[a-zA-Z0-9\-]{1,62}"
        />
      </ActionForm>
    </section>
  );
}

import { ActionForm } from './action-form';
import { call, callAll, type AdminSession } from './api';
import { useLoad } from './use-load';

interface MailDomain {
  readonly DomainName: string;
  readonly DefaultDomain: boolean;
}
interface DnsRecord {
  readonly Type: string;
  readonly Hostname: string;
  readonly Value: string;
}
interface DomainDetails {
  readonly Records: readonly DnsRecord[];
  readonly OwnershipVerificationStatus: string;
  readonly DkimVerificationStatus: string;
  readonly IsDefault: boolean;
}

/** One domain's DNS records to publish and its verification states (GetMailDomain). */
function DomainRecords(props: { session: AdminSession; organizationId: string; domain: string }) {
  const details = useLoad(
    () =>
      call<DomainDetails>(props.session, 'WorkMailService.GetMailDomain', {
        OrganizationId: props.organizationId,
        DomainName: props.domain,
      }),
    [props.domain],
  );
  if (!details.value) return <p aria-busy={!details.error}>{details.error}</p>;
  return (
    <article aria-label={`DNS records of ${props.domain}`}>
      <p>
        Ownership: <strong>{details.value.OwnershipVerificationStatus}</strong> · DKIM:{' '}
        <strong>{details.value.DkimVerificationStatus}</strong>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {details.value.Records.map((record) => (
            <tr key={`${record.Type} ${record.Hostname} ${record.Value}`}>
              <td>{record.Type}</td>
              <td>
                <code>{record.Hostname}</code>
              </td>
              <td>
                <code>{record.Value}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}

/** The organization's mail domains: register one, see the records to publish and what is verified. */
export function Domains(props: { session: AdminSession; organizationId: string }) {
  const domains = useLoad(
    () =>
      callAll<MailDomain>(
        props.session,
        'WorkMailService.ListMailDomains',
        { OrganizationId: props.organizationId },
        'MailDomains',
      ),
    [props.organizationId],
  );
  return (
    <section aria-labelledby="domains-heading">
      <h3 id="domains-heading">Domains</h3>
      {domains.error && <p role="alert">{domains.error}</p>}
      {(domains.value ?? []).map((domain) => (
        <details key={domain.DomainName}>
          <summary>
            {domain.DomainName}
            {domain.DefaultDomain ? ' (default)' : ''}
          </summary>
          <DomainRecords
            session={props.session}
            organizationId={props.organizationId}
            domain={domain.DomainName}
          />
        </details>
      ))}
      <ActionForm
        label="Register domain"
        submit="Register domain"
        run={async ({ DomainName }) => {
          await call(props.session, 'WorkMailService.RegisterMailDomain', {
            OrganizationId: props.organizationId,
            DomainName,
          });
          domains.reload();
          return `${DomainName} registered: publish its DNS records`;
        }}
      >
        <input name="DomainName" aria-label="Domain name" placeholder="example.com" required />
      </ActionForm>
    </section>
  );
}

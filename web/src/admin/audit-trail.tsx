import { useState } from 'preact/hooks';
import { call, type AdminSession } from './api';
import { dateTime } from './fields';
import { useLoad } from './use-load';

/** One admin call as ListAdminAuditEvents returns it. */
interface AdminAuditEvent {
  readonly EventTime: number;
  readonly RequestId: string;
  readonly AccessKeyId: string;
  readonly Action: string;
  readonly Resources: Readonly<Record<string, string>>;
  readonly SourceIp?: string;
  readonly Outcome: string;
}

const PAGE_SIZE = 20;

/**
 * The admin audit trail: the organization's recent admin calls that changed (or tried to change) something, newest
 * first, a page at a time (ListAdminAuditEvents).
 */
export function AuditTrail(props: { session: AdminSession; organizationId: string }) {
  // The tokens of the pages before the one shown: "Newer" goes back to the last of them.
  const [earlier, setEarlier] = useState<(string | undefined)[]>([]);
  const [token, setToken] = useState<string>();
  const page = useLoad(
    () =>
      call<{ Events: AdminAuditEvent[]; NextToken?: string }>(
        props.session,
        'MailwrightService.ListAdminAuditEvents',
        { OrganizationId: props.organizationId, MaxResults: PAGE_SIZE, NextToken: token },
      ),
    [props.organizationId, token],
  );
  const next = page.value?.NextToken;
  return (
    <section aria-labelledby="audit-trail-heading">
      <h4 id="audit-trail-heading">Admin audit trail</h4>
      {page.error && <p role="alert">{page.error}</p>}
      <table aria-labelledby="audit-trail-heading">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">Resources</th>
            <th scope="col">Access key</th>
            <th scope="col">From</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {(page.value?.Events ?? []).map((event) => (
            <tr key={event.RequestId}>
              <td>{dateTime(event.EventTime)}</td>
              <td>{event.Action}</td>
              <td>
                {Object.entries(event.Resources).map(([name, value]) => (
                  <div key={name}>
                    {name}: <code>{value}</code>
                  </div>
                ))}
              </td>
              <td>
                <code>{event.AccessKeyId}</code>
              </td>
              <td>{event.SourceIp ?? ''}</td>
              <td>{event.Outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div role="group" aria-label="Audit trail pages">
        <button
          class="secondary"
          disabled={earlier.length === 0}
          onClick={() => {
            setToken(earlier[earlier.length - 1]);
            setEarlier(earlier.slice(0, -1));
          }}
        >
          Newer
        </button>
        <button
          class="secondary"
          disabled={!next}
          onClick={() => {
            setEarlier([...earlier, token]);
            setToken(next);
          }}
        >
          Older
        </button>
        <button class="secondary outline" onClick={page.reload}>
          Refresh
        </button>
      </div>
    </section>
  );
}

import { ActionForm } from './action-form';
import { call, type AdminSession } from './api';
import { Choices } from './choices';
import { useLoad } from './use-load';

interface JournalingConfiguration {
  readonly Status: 'ENABLED' | 'DISABLED';
  readonly JournalingEmailAddress?: string;
  readonly ReportEmailAddress?: string;
  readonly JournalingSenderAddress: string;
}

/**
 * Email journaling: whether a journal record of every message received or sent goes to an archive address
 * (DescribeJournalingConfiguration), a form that sets it (PutJournalingConfiguration), and a button that removes it
 * (DeleteJournalingConfiguration).
 */
export function Journaling(props: { session: AdminSession; organizationId: string }) {
  const key = { OrganizationId: props.organizationId };
  const configuration = useLoad(
    () =>
      call<JournalingConfiguration>(props.session, 'MailwrightService.DescribeJournalingConfiguration', key),
    [props.organizationId],
  );
  const current = configuration.value;
  return (
    <section aria-labelledby="journaling-heading">
      <h3 id="journaling-heading">Journaling</h3>
      <p>
        When journaling is on, every message the organization receives or sends is recorded once, as an
        envelope journal report, at the journaling address; the report address hears of records that could not
        be delivered.
      </p>
      {configuration.error && <p role="alert">{configuration.error}</p>}
      {current && (
        <dl aria-label="Journaling configuration">
          <dt>Status</dt>
          <dd>{current.Status === 'ENABLED' ? 'On' : 'Off'}</dd>
          <dt>Journaling address</dt>
          <dd>{current.JournalingEmailAddress ?? 'None'}</dd>
          <dt>Report address</dt>
          <dd>{current.ReportEmailAddress ?? 'None'}</dd>
          <dt>Records come from</dt>
          <dd>
            <code>{current.JournalingSenderAddress}</code>
          </dd>
        </dl>
      )}
      {configuration.loaded && (
        <ActionForm
          label="Set journaling"
          submit="Save journaling"
          stacked
          run={async ({ Status, JournalingEmailAddress, ReportEmailAddress }) => {
            await call(props.session, 'MailwrightService.PutJournalingConfiguration', {
              ...key,
              Status,
              ...(JournalingEmailAddress ? { JournalingEmailAddress } : {}),
              ...(ReportEmailAddress ? { ReportEmailAddress } : {}),
            });
            configuration.reload();
            return `Journaling is ${Status === 'ENABLED' ? 'on' : 'off'}`;
          }}
        >
          <div class="grid">
            <label>
              Status
              <select name="Status">
                <Choices
                  choices={[
                    ['ENABLED', 'On'],
                    ['DISABLED', 'Off'],
                  ]}
                  selected={current?.Status}
                />
              </select>
            </label>
            <label>
              Journaling address
              <input
                name="JournalingEmailAddress"
                type="email"
                placeholder="archive@vault.example"
                defaultValue={current?.JournalingEmailAddress}
              />
            </label>
            <label>
              Report address
              <input
                name="ReportEmailAddress"
                type="email"
                placeholder="admin@example.com"
                defaultValue={current?.ReportEmailAddress}
              />
            </label>
          </div>
        </ActionForm>
      )}
      {current?.Status === 'ENABLED' && (
        <ActionForm
          label="Delete journaling configuration"
          submit="Turn off and forget the addresses"
          run={async () => {
            await call(props.session, 'MailwrightService.DeleteJournalingConfiguration', key);
            configuration.reload();
            return 'Journaling is off';
          }}
        />
      )}
    </section>
  );
}

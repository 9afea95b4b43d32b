import { useState } from 'preact/hooks';
import { ActionForm } from './action-form';
import { call, callAll, type AdminSession } from './api';
import { dateTime } from './fields';
import { useLoad } from './use-load';

/** An availability configuration as ListAvailabilityConfigurations returns it (never the EWS password). */
interface AvailabilityConfiguration {
  readonly DomainName: string;
  readonly ProviderType: 'EWS' | 'LAMBDA';
  readonly EwsProvider?: { EwsEndpoint: string; EwsUsername: string };
  readonly LambdaProvider?: { LambdaArn: string };
  readonly DateModified: number;
}

/** The provider members of a Create/Update request from the form's fields. */
function provider(type: string, fields: Record<string, string>) {
  return type === 'EWS'
    ? {
        EwsProvider: {
          EwsEndpoint: fields.EwsEndpoint,
          EwsUsername: fields.EwsUsername,
          EwsPassword: fields.EwsPassword,
        },
      }
    : { LambdaProvider: { LambdaArn: fields.LambdaArn } };
}

/** What TestAvailabilityConfiguration answered, as a sentence. */
async function testResult(session: AdminSession, body: object): Promise<string> {
  const result = await call<{ TestPassed: boolean; FailureReason?: string }>(
    session,
    'WorkMailService.TestAvailabilityConfiguration',
    body,
  );
  return result.TestPassed ? 'Test passed' : `Test failed: ${result.FailureReason ?? 'no reason given'}`;
}

/**
 * Availability providers: where free/busy of other domains' people comes from (an EWS server or a Lambda function).
 * Saving a domain that has one replaces its provider; each can be tested and deleted.
 */
export function Availability(props: { session: AdminSession; organizationId: string }) {
  const organization = { OrganizationId: props.organizationId };
  const [type, setType] = useState('EWS');
  const configurations = useLoad(
    () =>
      callAll<AvailabilityConfiguration>(
        props.session,
        'WorkMailService.ListAvailabilityConfigurations',
        organization,
        'AvailabilityConfigurations',
      ),
    [props.organizationId],
  );
  return (
    <section aria-labelledby="availability-heading">
      <h3 id="availability-heading">Availability providers</h3>
      {configurations.error && <p role="alert">{configurations.error}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Provider</th>
            <th scope="col">Endpoint or function</th>
            <th scope="col">Modified</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(configurations.value ?? []).map((configuration) => (
            <tr key={configuration.DomainName}>
              <td>{configuration.DomainName}</td>
              <td>{configuration.ProviderType}</td>
              <td>
                <code>
                  {configuration.EwsProvider
                    ? `${configuration.EwsProvider.EwsEndpoint} (${configuration.EwsProvider.EwsUsername})`
                    : configuration.LambdaProvider?.LambdaArn}
                </code>
              </td>
              <td>{dateTime(configuration.DateModified)}</td>
              <td>
                <ActionForm
                  label={`Test the provider of ${configuration.DomainName}`}
                  submit="Test"
                  run={() =>
                    testResult(props.session, { ...organization, DomainName: configuration.DomainName })
                  }
                />
                <ActionForm
                  label={`Delete the provider of ${configuration.DomainName}`}
                  submit="Delete"
                  run={async () => {
                    await call(props.session, 'WorkMailService.DeleteAvailabilityConfiguration', {
                      ...organization,
                      DomainName: configuration.DomainName,
                    });
                    configurations.reload();
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Add or replace a provider</h4>
      <ActionForm
        label="Save availability provider"
        submit="Save provider"
        stacked
        run={async (fields) => {
          const domain = fields.DomainName.toLowerCase();
          const exists = (configurations.value ?? []).some((entry) => entry.DomainName === domain);
          const body = { ...organization, DomainName: fields.DomainName, ...provider(type, fields) };
          if (fields.TestFirst) {
            const { DomainName: _domain, ...inline } = body;
            const tested = await testResult(props.session, inline);
            if (tested !== 'Test passed') throw new Error(`${tested} (not saved)`);
          }
          await call(
            props.session,
            exists
              ? 'WorkMailService.UpdateAvailabilityConfiguration'
              : 'WorkMailService.CreateAvailabilityConfiguration',
            body,
          );
          configurations.reload();
          // The form resets after success, its select to the first option: the fields shown follow.
          setType('EWS');
          return `${exists ? 'Updated' : 'Created'} the provider of ${fields.DomainName}`;
        }}
      >
        <label>
          Domain
          <input name="DomainName" placeholder="partner.example" required />
        </label>
        <label>
          Provider type
          <select name="ProviderType" value={type} onChange={(event) => setType(event.currentTarget.value)}>
            <option value="EWS">EWS server</option>
            <option value="LAMBDA">Lambda function</option>
          </select>
        </label>
        {type === 'EWS' ? (
          <>
            <label>
              EWS endpoint
              <input
                name="EwsEndpoint"
                type="url"
                placeholder="https://mail.partner.example/EWS/Exchange.asmx"
                required
              />
            </label>
            <label>
              EWS user name
              <input name="EwsUsername" placeholder="PARTNER\svc-freebusy" required autocomplete="off" />
            </label>
            <label>
              EWS password
              <input name="EwsPassword" type="password" required autocomplete="new-password" />
            </label>
          </>
        ) : (
          <label>
            Lambda function ARN
            <input
              name="LambdaArn"
              placeholder="arn:aws:lambda:eu-west-1:111122223333:function:freebusy"
              required
            />
          </label>
        )}
        <label>
          <input name="TestFirst" type="checkbox" role="switch" />
          Test before saving
        </label>
      </ActionForm>
    </section>
  );
}

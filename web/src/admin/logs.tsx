import { AUDIT_LOG_TYPES } from '../../../lambdas/core/audit-logs/types';
import { ActionForm } from './action-form';
import { ApiError, call, type AdminSession } from './api';
import { AuditTrail } from './audit-trail';
import { useLoad } from './use-load';

/** What each audit log type records, for the table. */
const LOG_TYPE_LABELS: Readonly<Record<(typeof AUDIT_LOG_TYPES)[number], string>> = {
  WORKMAIL_MAILBOX_ACCESS_LOGS: 'Mailbox access',
  ACCESS_CONTROL_LOGS: 'Access control',
  AUTHENTICATION_LOGS: 'Authentication',
  WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS: 'Personal access tokens',
  WORKMAIL_AVAILABILITY_PROVIDER_LOGS: 'Availability providers',
};

/** Where email events go (DescribeEmailMonitoringConfiguration); empty when logging is off. */
interface EmailMonitoring {
  readonly LogGroupArn?: string;
  readonly RoleArn?: string;
}

interface AuditLogDelivery {
  readonly LogType: (typeof AUDIT_LOG_TYPES)[number];
  readonly DestinationArn: string;
  readonly DestinationType: string;
}

/** Email event logging: where the organization's message events go (a CloudWatch Logs log group), or off. */
function EmailEventLogging(props: { session: AdminSession; organizationId: string }) {
  const organization = { OrganizationId: props.organizationId };
  const configuration = useLoad(
    () =>
      call<EmailMonitoring>(
        props.session,
        'WorkMailService.DescribeEmailMonitoringConfiguration',
        organization,
      ).catch((failure: unknown): EmailMonitoring => {
        // The API's way of saying "off".
        if (failure instanceof ApiError && failure.type === 'ResourceNotFoundException') return {};
        throw failure;
      }),
    [props.organizationId],
  );
  const current = configuration.value;
  return (
    <section aria-labelledby="email-events-heading">
      <h4 id="email-events-heading">Email event logging</h4>
      {configuration.error && <p role="alert">{configuration.error}</p>}
      {current && (
        <p role="status" aria-label="Email event logging state">
          {current.LogGroupArn ? (
            <>
              On, to <code>{current.LogGroupArn}</code>
              {current.RoleArn ? (
                <>
                  {' '}
                  through <code>{current.RoleArn}</code>
                </>
              ) : (
                ' through the deployment’s own role'
              )}
            </>
          ) : (
            'Off'
          )}
        </p>
      )}
      <ActionForm
        label="Turn on email event logging"
        submit="Save"
        run={async ({ LogGroupArn, RoleArn }) => {
          await call(props.session, 'WorkMailService.PutEmailMonitoringConfiguration', {
            ...organization,
            LogGroupArn,
            ...(RoleArn ? { RoleArn } : {}),
          });
          configuration.reload();
          return 'Email event logging is on (within a minute)';
        }}
      >
        <input
          name="LogGroupArn"
          aria-label="Log group ARN"
          placeholder="arn:aws:logs:REGION:ACCOUNT:log-group:/aws/workmail/emailevents/NAME:*"
          required
        />
        <input name="RoleArn" aria-label="Role ARN (optional)" placeholder="role ARN (optional)" />
      </ActionForm>
      {current?.LogGroupArn && (
        <ActionForm
          label="Turn off email event logging"
          submit="Turn off"
          run={async () => {
            await call(props.session, 'WorkMailService.DeleteEmailMonitoringConfiguration', organization);
            configuration.reload();
            return 'Email event logging is off';
          }}
        />
      )}
    </section>
  );
}

/** Audit log deliveries: each of the five audit log types on (to a log group, bucket or stream) or off. */
function AuditLogDeliveries(props: { session: AdminSession; organizationId: string }) {
  const organization = { OrganizationId: props.organizationId };
  const deliveries = useLoad(
    () =>
      call<{ AuditLogDeliveries: AuditLogDelivery[] }>(
        props.session,
        'MailwrightService.ListAuditLogDeliveries',
        organization,
      ),
    [props.organizationId],
  );
  const delivery = (type: string) =>
    deliveries.value?.AuditLogDeliveries.find((entry) => entry.LogType === type);
  return (
    <section aria-labelledby="audit-logs-heading">
      <h4 id="audit-logs-heading">Audit logs</h4>
      {deliveries.error && <p role="alert">{deliveries.error}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">Log</th>
            <th scope="col">Delivered to</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {AUDIT_LOG_TYPES.map((type) => {
            const entry = delivery(type);
            return (
              <tr key={type}>
                <td>{LOG_TYPE_LABELS[type]}</td>
                <td>{entry ? <code>{entry.DestinationArn}</code> : 'off'}</td>
                <td>
                  {entry && (
                    <ActionForm
                      label={`Stop delivering ${LOG_TYPE_LABELS[type]} logs`}
                      submit="Turn off"
                      run={async () => {
                        await call(props.session, 'MailwrightService.DeleteAuditLogDelivery', {
                          ...organization,
                          LogType: type,
                        });
                        deliveries.reload();
                      }}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ActionForm
        label="Deliver an audit log"
        submit="Deliver"
        run={async ({ LogType, DestinationArn }) => {
          await call(props.session, 'MailwrightService.PutAuditLogDelivery', {
            ...organization,
            LogType,
            DestinationArn,
          });
          deliveries.reload();
          return `${LOG_TYPE_LABELS[LogType as AuditLogDelivery['LogType']]} logs delivered (within a minute)`;
        }}
      >
        <select name="LogType" aria-label="Audit log">
          {AUDIT_LOG_TYPES.map((type) => (
            <option key={type} value={type}>
              {LOG_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
        <input
          name="DestinationArn"
          aria-label="Destination ARN"
          placeholder="log group, S3 bucket or Firehose stream ARN"
          required
        />
      </ActionForm>
    </section>
  );
}

/** Logs: email event logging, audit log deliveries, and the trail of admin calls. */
export function Logs(props: { session: AdminSession; organizationId: string }) {
  return (
    <section aria-labelledby="logs-heading">
      <h3 id="logs-heading">Logs</h3>
      <EmailEventLogging session={props.session} organizationId={props.organizationId} />
      <AuditLogDeliveries session={props.session} organizationId={props.organizationId} />
      <AuditTrail session={props.session} organizationId={props.organizationId} />
    </section>
  );
}

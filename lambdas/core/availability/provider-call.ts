import type { AuditEvents } from '../audit-logs/ports';
import { FunctionInvocationError } from '../flow-lambda/errors';
import type { FunctionInvoker } from '../flow-lambda/ports';
import { readCapResponse } from './cap-response';
import { EwsUnreachableError } from './errors';
import { getUserAvailabilityRequest, readGetUserAvailabilityResponse } from './ews-soap';
import type { AvailabilityLogger, EwsTransport } from './ports';
import type {
  AvailabilityConfiguration,
  AvailabilityError,
  AvailabilityRequester,
  AvailabilityWindow,
  MailboxAvailability,
} from './types';

/** How long a provider may take before each of its mailboxes fails (availability.md §3.4). */
export const PROVIDER_DEADLINE_MS = 25_000;

/** What calling a provider needs. */
export interface ProviderCallDeps {
  /** Invokes CAP functions; only functions bound to the requester's organization are invoked. */
  readonly invoker: FunctionInvoker;
  readonly ews: EwsTransport;
  readonly logger: AvailabilityLogger;
  /** The organization's ARN, for the audit line. */
  organizationArn(organizationId: string): string;
  /** @default - {@link PROVIDER_DEADLINE_MS} */
  readonly deadlineMs?: number;
  /** Epoch ms. */
  now(): number;
  /** A unique id per provider call. */
  requestId(): string;
  /** Where each call is reported (the availability provider audit log, AvailabilityProviderFailure). */
  readonly audit?: AuditEvents;
}

/**
 * The CAP request of availability.md §3.2, exactly: requester, mailboxes as an array, window in UTC with ms.
 * @example
 * capRequest(requester, ['a@external.example'], { start, end });
 */
export function capRequest(
  requester: AvailabilityRequester,
  mailboxes: readonly string[],
  window: AvailabilityWindow,
): Record<string, unknown> {
  return {
    requester: {
      email: requester.email,
      userName: requester.userName,
      organization: requester.organizationId,
      userId: requester.userId,
      ...(requester.origin ? { origin: requester.origin } : {}),
    },
    mailboxes: [...mailboxes],
    window: {
      startDate: new Date(window.start).toISOString(),
      endDate: new Date(window.end).toISOString(),
    },
  };
}

/**
 * Asks one domain's provider for its mailboxes. Primary course:
 * 1. Call the CAP function (one invocation) or the EWS endpoint (one GetUserAvailability), bounded by the deadline.
 * 2. Read the answer into one result per mailbox; a failed call, a timeout or an unreadable answer fails exactly
 *    these mailboxes, never the whole query.
 * 3. Log one structured line with the §5 audit fields (no password, no event content), and report the call to the
 *    organization's availability provider audit log.
 * @param configuration - the domain's configuration, its EWS password opened
 * @example
 * const answers = await callProvider(deps, configuration, requester, ['a@external.example'], window);
 */
export async function callProvider(
  deps: ProviderCallDeps,
  configuration: AvailabilityConfiguration,
  requester: AvailabilityRequester,
  mailboxes: readonly string[],
  window: AvailabilityWindow,
): Promise<MailboxAvailability[]> {
  const timeoutMs = deps.deadlineMs ?? PROVIDER_DEADLINE_MS;
  const { provider } = configuration;
  let answers: MailboxAvailability[];
  let errorMessage: string | undefined;
  try {
    if (provider.type === 'LAMBDA') {
      const payload = await deps.invoker.invoke(
        provider.lambdaArn,
        capRequest(requester, mailboxes, window),
        {
          organizationId: requester.organizationId,
          synchronous: true,
          timeoutMs,
        },
      );
      answers = readCapResponse(payload ?? new Uint8Array(), mailboxes);
    } else {
      const answer = await deps.ews.post(
        provider.ewsEndpoint,
        { username: provider.ewsUsername, password: provider.ewsPassword },
        getUserAvailabilityRequest(mailboxes, window),
        timeoutMs,
      );
      answers =
        answer.status === 200
          ? readGetUserAvailabilityResponse(answer.body, mailboxes)
          : failAll(mailboxes, 'ERROR_FREE_BUSY_GENERATION_FAILED');
      if (answer.status !== 200) errorMessage = `EWS answered HTTP ${answer.status}`;
    }
  } catch (error) {
    const timedOut =
      (error instanceof FunctionInvocationError || error instanceof EwsUnreachableError) && error.timedOut;
    if (!(error instanceof FunctionInvocationError || error instanceof EwsUnreachableError)) throw error;
    answers = failAll(mailboxes, timedOut ? 'ERROR_TIMEOUT_EXPIRED' : 'ERROR_FREE_BUSY_GENERATION_FAILED');
    errorMessage = timedOut ? `No answer within ${timeoutMs} ms` : 'The provider could not be called';
  }
  const schemaFailures = answers.filter(
    (answer) => !answer.ok && answer.error === 'ERROR_RESPONSE_SCHEMA_VALIDATION',
  ).length;
  if (errorMessage === undefined && schemaFailures > 0)
    errorMessage = `${schemaFailures} mailbox answers did not match the schema`;
  await audit(deps, configuration, requester, errorMessage);
  return answers;
}

async function audit(
  deps: ProviderCallDeps,
  configuration: AvailabilityConfiguration,
  requester: AvailabilityRequester,
  errorMessage: string | undefined,
): Promise<void> {
  const { provider } = configuration;
  const requestId = deps.requestId();
  const fields = {
    event_timestamp: deps.now(),
    request_id: requestId,
    organization_arn: deps.organizationArn(requester.organizationId),
    user_id: requester.userId,
    type: provider.type,
    domain: configuration.domainName,
    ...(provider.type === 'LAMBDA'
      ? { function_arn: provider.lambdaArn }
      : { ews_endpoint: provider.ewsEndpoint }),
    ...(errorMessage === undefined ? {} : { error_message: errorMessage }),
    availability_event_successful: errorMessage === undefined,
  };
  if (errorMessage === undefined) deps.logger.info('Availability provider call', fields);
  else deps.logger.warn('Availability provider call', fields);
  await deps.audit?.availabilityProvider({
    requestId,
    organizationId: requester.organizationId,
    userId: requester.userId,
    domain: configuration.domainName,
    provider:
      provider.type === 'LAMBDA'
        ? { type: 'LAMBDA', functionArn: provider.lambdaArn }
        : { type: 'EWS', ewsEndpoint: provider.ewsEndpoint },
    ...(errorMessage === undefined ? {} : { errorMessage }),
  });
}

function failAll(mailboxes: readonly string[], error: AvailabilityError): MailboxAvailability[] {
  return mailboxes.map((mailbox) => ({ mailbox, ok: false, error }));
}

import { FunctionInvocationError } from '../flow-lambda/errors';
import type { FunctionInvoker } from '../flow-lambda/ports';
import { EwsUnreachableError } from './errors';
import { getUserAvailabilityRequest } from './ews-soap';
import { capRequest, PROVIDER_DEADLINE_MS } from './provider-call';
import type { EwsTransport } from './ports';
import type { AvailabilityProvider, AvailabilityRequester } from './types';

/** What testing a provider needs. */
export interface ProviderTestDeps {
  readonly invoker: FunctionInvoker;
  readonly ews: EwsTransport;
  /** Epoch ms. */
  now(): number;
  /** @default - {@link PROVIDER_DEADLINE_MS} */
  readonly deadlineMs?: number;
}

/** The outcome of TestAvailabilityConfiguration. */
export interface ProviderTestOutcome {
  readonly passed: boolean;
  /** Why it failed; never the password, never what the endpoint answered. */
  readonly failureReason?: string;
}

/** The failure texts an administrator sees (availability.md §2.4 for EWS). */
export const TEST_FAILURES = {
  ewsUnreachable: 'EWS URL is invalid or unreachable.',
  ewsTimeout: 'Connection failure during EWS validation: the endpoint did not answer in time.',
  ewsCredentials: 'Invalid username and password.',
  ewsNotEws: 'EWS URL is invalid or unreachable: the endpoint did not answer as EWS.',
  lambdaNotInvocable:
    'The Lambda function could not be invoked: it does not exist, is not bound to this organization, or may not ' +
    'be invoked by Mailwright.',
  lambdaTimeout: 'The Lambda function did not answer in time.',
} as const;

/**
 * Tests a provider the way TestAvailabilityConfiguration does (availability.md §4). EWS: a GetUserAvailability
 * request authenticated with the credentials; 401/403 means bad credentials, a SOAP answer (success or fault) means
 * they logged in. Lambda: one invocation with a CAP request for no mailboxes over the next hour; it must return.
 * Whether the function's resource policy denies anonymous invocation is not checked (see docs/availability.md).
 * @param organizationId - the organization the function must be bound to
 * @example
 * const outcome = await testProvider(deps, 'm-…', { type: 'LAMBDA', lambdaArn });
 */
export async function testProvider(
  deps: ProviderTestDeps,
  organizationId: string,
  provider: AvailabilityProvider,
): Promise<ProviderTestOutcome> {
  const timeoutMs = deps.deadlineMs ?? PROVIDER_DEADLINE_MS;
  const window = { start: deps.now(), end: deps.now() + 3_600_000 };
  if (provider.type === 'LAMBDA') {
    const requester: AvailabilityRequester = {
      organizationId,
      userId: 'availability-test',
      email: '',
      userName: 'availability-test',
    };
    try {
      await deps.invoker.invoke(provider.lambdaArn, capRequest(requester, [], window), {
        organizationId,
        synchronous: true,
        timeoutMs,
      });
      return { passed: true };
    } catch (error) {
      if (!(error instanceof FunctionInvocationError)) throw error;
      return fail(error.timedOut ? TEST_FAILURES.lambdaTimeout : TEST_FAILURES.lambdaNotInvocable);
    }
  }
  const probe = provider.ewsUsername.includes('@')
    ? provider.ewsUsername
    : 'availability-test@example.invalid';
  try {
    const answer = await deps.ews.post(
      provider.ewsEndpoint,
      { username: provider.ewsUsername, password: provider.ewsPassword },
      getUserAvailabilityRequest([probe], window),
      timeoutMs,
    );
    if (answer.status === 401 || answer.status === 403) return fail(TEST_FAILURES.ewsCredentials);
    const soap = /<(\w+:)?Envelope[\s>]/.test(answer.body);
    return (answer.status === 200 || answer.status === 500) && soap
      ? { passed: true }
      : fail(TEST_FAILURES.ewsNotEws);
  } catch (error) {
    if (!(error instanceof EwsUnreachableError)) throw error;
    return fail(error.timedOut ? TEST_FAILURES.ewsTimeout : TEST_FAILURES.ewsUnreachable);
  }
}

function fail(failureReason: string): ProviderTestOutcome {
  return { passed: false, failureReason };
}

import { applyLambdaResponse } from './apply-response';
import { FunctionInvocationError } from './errors';
import type { Clock, FlowLambdaLogger, FunctionInvoker } from './ports';
import { parseLambdaResponse } from './response';
import type { FallbackActionType, LambdaEvent, LambdaRuleBinding, SyncLambdaOutcome } from './types';

/** Deadline of one synchronous attempt (§7.5): a slower answer is a failed attempt. */
export const SYNC_ATTEMPT_TIMEOUT_MS = 15_000;
/** First retry delay; each further retry doubles it (exponential backoff) up to {@link MAX_RETRY_DELAY_MS}. */
export const INITIAL_RETRY_DELAY_MS = 1_000;
/** Cap of the retry delay. */
export const MAX_RETRY_DELAY_MS = 5 * 60_000;

/** Dependencies of the Run Lambda runners. */
export interface FlowLambdaDeps {
  readonly invoker: FunctionInvoker;
  readonly clock: Clock;
  readonly logger: FlowLambdaLogger;
}

/** Inputs of {@link runSynchronousLambda}. */
export interface SyncLambdaInput {
  readonly rule: LambdaRuleBinding;
  /** Built once with `buildLambdaEvent`; the same event (and invocationId) is sent on every retry. */
  readonly event: LambdaEvent;
  /** Every original recipient the rule applies to (not only those listed in a truncated event). */
  readonly recipients: readonly string[];
  /** Inbound: whether an address belongs to the organization (added recipients must). */
  readonly isOrganizationAddress: (address: string) => boolean;
  /**
   * Epoch ms by which the rule must be decided (the caller's time budget): no attempt starts at or after it, each
   * attempt's deadline is cut to the time left, and when it has already passed the function is not invoked (the
   * fallback applies, with `attempts: 0`). @default - none (the rule timeout alone bounds the retries)
   */
  readonly deadline?: number;
}

/**
 * The delay before the next attempt, or `undefined` when the rule timeout (or the caller's deadline) leaves no room
 * for another attempt (always `undefined` for a timeout of 0). Pure, so a queue-driven pipeline can schedule
 * retries itself.
 * @param failedAttempts - attempts made so far (≥ 1)
 * @param startedAt - epoch ms of the first attempt
 * @param now - epoch ms now
 * @param ruleTimeoutMinutes - the rule's RuleTimeoutMinutes (0…240)
 * @param callerDeadline - epoch ms after which no attempt may start, whatever the rule timeout says
 * @example
 * nextRetryDelay(1, t0, t0 + 200, 5) // 1000
 */
export function nextRetryDelay(
  failedAttempts: number,
  startedAt: number,
  now: number,
  ruleTimeoutMinutes: number,
  callerDeadline: number = Number.POSITIVE_INFINITY,
): number | undefined {
  const deadline = Math.min(startedAt + ruleTimeoutMinutes * 60_000, callerDeadline);
  const delay = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** (failedAttempts - 1), MAX_RETRY_DELAY_MS);
  return now + delay < deadline ? delay : undefined;
}

/**
 * Runs a synchronous Run Lambda rule to completion (requirement 15/16).
 * Primary course: 1. Invoke with the event, at most {@link SYNC_ATTEMPT_TIMEOUT_MS}. 2. Parse and validate the
 * response; an error, time-out, bad JSON, > 256 KB or unknown action type is a failed attempt. 3. On failure,
 * back off exponentially and retry while the rule timeout allows. 4. Apply the response per recipient, or the
 * fallback action to all recipients when every attempt failed. Never throws for function failures.
 * With `input.deadline`, the retry window is the shorter of the rule timeout and the time left, each attempt's
 * deadline is at most the time left, and a deadline already passed means no invocation at all.
 * @param deps - invoker, clock and logger
 * @param input - rule, event and the recipients the rule applies to
 * @example
 * const outcome = await runSynchronousLambda({ invoker, clock: systemClock, logger }, { rule, event, recipients,
 *   isOrganizationAddress });
 */
export async function runSynchronousLambda(
  deps: FlowLambdaDeps,
  input: SyncLambdaInput,
): Promise<SyncLambdaOutcome> {
  const { rule, event } = input;
  const failures: Error[] = [];
  const startedAt = deps.clock.now();
  const deadline = input.deadline ?? Number.POSITIVE_INFINITY;
  if (startedAt >= deadline) return fallbackOutcome(input, 0, failures);
  for (let attempt = 1; ; attempt += 1) {
    const attemptStart = deps.clock.now();
    const timeoutMs = Math.min(SYNC_ATTEMPT_TIMEOUT_MS, deadline - attemptStart);
    try {
      const payload = await deps.invoker.invoke(rule.lambdaArn, event, {
        organizationId: rule.organizationId,
        synchronous: true,
        timeoutMs,
      });
      if (deps.clock.now() - attemptStart > timeoutMs) {
        throw new FunctionInvocationError(`No response within ${timeoutMs} ms`, rule.lambdaArn, {
          timedOut: true,
        });
      }
      const actions = parseLambdaResponse(payload ?? new Uint8Array(), event.flowDirection);
      const applied = applyLambdaResponse({
        actions,
        recipients: input.recipients,
        direction: event.flowDirection,
        fallbackAction: fallbackOf(rule),
        isOrganizationAddress: input.isOrganizationAddress,
      });
      return { ...applied, source: 'RESPONSE', attempts: attempt, failures };
    } catch (error) {
      const failure =
        error instanceof Error ? error : new FunctionInvocationError(String(error), rule.lambdaArn);
      failures.push(failure);
      deps.logger.warn('Synchronous flow-rule Lambda attempt failed', {
        ruleName: rule.name,
        functionArn: rule.lambdaArn,
        invocationId: event.invocationId,
        attempt,
        error: failure.name,
        reason: failure.message,
      });
    }
    const delay = nextRetryDelay(
      attempt,
      startedAt,
      deps.clock.now(),
      rule.ruleTimeoutMinutes ?? 0,
      deadline,
    );
    if (delay === undefined) return fallbackOutcome(input, attempt, failures);
    await deps.clock.sleep(delay);
  }
}

/** The rule's fallback; a missing (or, against validation, Lambda) fallback means DEFAULT. */
function fallbackOf(rule: LambdaRuleBinding): FallbackActionType {
  const action = rule.fallbackAction;
  return action === undefined || action === 'RUN_LAMBDA' ? 'DEFAULT' : action;
}

function fallbackOutcome(input: SyncLambdaInput, attempts: number, failures: Error[]): SyncLambdaOutcome {
  const seen = new Set<string>();
  const decisions = input.recipients
    .filter((recipient) => !seen.has(recipient.toLowerCase()) && seen.add(recipient.toLowerCase()))
    .map((recipient) => ({
      recipient,
      action: fallbackOf(input.rule),
      added: false,
      source: 'FALLBACK' as const,
    }));
  return { decisions, ignored: [], source: 'FALLBACK', attempts, failures };
}

import type { FlowLambdaDeps } from './run-synchronous';
import type { LambdaEvent, LambdaRuleBinding } from './types';

/** Deadline for handing an asynchronous event to the function (queueing, not running). */
export const ASYNC_INVOKE_TIMEOUT_MS = 5_000;

/**
 * Fires an asynchronous Run Lambda rule (requirement 14): queues the event and returns. It never throws and
 * its result never changes delivery; failures are only logged. Run it alongside delivery
 * (`Promise.all([deliver(), runAsynchronousLambda(…)])`), so it cannot delay it.
 * @param deps - invoker and logger (the clock is unused)
 * @param rule - the asynchronous rule
 * @param event - the §7.3 event
 * @example
 * await runAsynchronousLambda(deps, rule, event); // resolves to true when the event was accepted
 */
export async function runAsynchronousLambda(
  deps: Pick<FlowLambdaDeps, 'invoker' | 'logger'>,
  rule: LambdaRuleBinding,
  event: LambdaEvent,
): Promise<boolean> {
  try {
    await deps.invoker.invoke(rule.lambdaArn, event, {
      organizationId: rule.organizationId,
      synchronous: false,
      timeoutMs: ASYNC_INVOKE_TIMEOUT_MS,
    });
    deps.logger.info('Asynchronous flow-rule Lambda invoked', {
      ruleName: rule.name,
      invocationId: event.invocationId,
    });
    return true;
  } catch (error) {
    deps.logger.warn('Asynchronous flow-rule Lambda could not be invoked', {
      ruleName: rule.name,
      functionArn: rule.lambdaArn,
      invocationId: event.invocationId,
      error: error instanceof Error ? error.name : 'Unknown',
      reason: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
}

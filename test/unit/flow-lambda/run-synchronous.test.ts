import { FakeClock, MemoryLogger, ScriptedInvoker } from './doubles';
import {
  FunctionInvocationError,
  INITIAL_RETRY_DELAY_MS,
  MAX_RETRY_DELAY_MS,
  SYNC_ATTEMPT_TIMEOUT_MS,
  buildLambdaEvent,
  nextRetryDelay,
  runAsynchronousLambda,
  runSynchronousLambda,
  systemClock,
  type FunctionInvoker,
  type InvokeOptions,
  type LambdaRuleBinding,
} from '../../../lambdas/core/flow-lambda';

const ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:scan';
const ORG = 'm-0123456789abcdef0123456789abcdef';
const rule = (more: Partial<LambdaRuleBinding> = {}): LambdaRuleBinding => ({
  name: 'scan',
  organizationId: ORG,
  lambdaArn: ARN,
  synchronous: true,
  fallbackAction: 'BOUNCE',
  ruleTimeoutMinutes: 1,
  ...more,
});
const recipients = ['a@org.example', 'b@org.example'];
const event = buildLambdaEvent({
  messageId: 'm-1',
  flowDirection: 'INBOUND',
  mailFrom: 'x@example.com',
  recipients,
  subject: 's',
  functionArn: ARN,
  ruleName: 'scan',
});
const fail = () => new FunctionInvocationError('boom', ARN);
const ok = () => ({ actions: [{ action: { type: 'MOVE_TO_JUNK' }, allRecipients: true }] });
const org = (a: string) => a.endsWith('@org.example');

function setup(script: ((attempt: number) => unknown)[], more: Partial<LambdaRuleBinding> = {}) {
  const clock = new FakeClock();
  const invoker = new ScriptedInvoker(script);
  const logger = new MemoryLogger();
  const run = (deadline?: number) =>
    runSynchronousLambda(
      { invoker, clock, logger },
      { rule: rule(more), event, recipients, isOrganizationAddress: org, deadline },
    );
  return { clock, invoker, logger, run };
}

describe('runSynchronousLambda', () => {
  it('applies a valid first response with a 15 s attempt deadline and the same event', async () => {
    const { invoker, run } = setup([ok]);

    const outcome = await run();

    expect(outcome.source).toBe('RESPONSE');
    expect(outcome.attempts).toBe(1);
    expect(outcome.decisions.map((d) => d.action)).toEqual(['MOVE_TO_JUNK', 'MOVE_TO_JUNK']);
    expect(invoker.calls[0]).toEqual({
      arn: ARN,
      payload: event,
      options: { organizationId: ORG, synchronous: true, timeoutMs: SYNC_ATTEMPT_TIMEOUT_MS },
    });
  });

  it('retries failures with exponential backoff, resending the identical event, then succeeds', async () => {
    const { clock, invoker, logger, run } = setup([
      fail,
      () => 'not json',
      () => ({ actions: [{ action: { type: 'NOPE' } }] }),
      ok,
    ]);

    const outcome = await run();

    expect(outcome.source).toBe('RESPONSE');
    expect(outcome.attempts).toBe(4);
    expect(clock.sleeps).toEqual([
      INITIAL_RETRY_DELAY_MS,
      2 * INITIAL_RETRY_DELAY_MS,
      4 * INITIAL_RETRY_DELAY_MS,
    ]);
    expect(new Set(invoker.calls.map((c) => (c.payload as { invocationId: string }).invocationId)).size).toBe(
      1,
    );
    expect(outcome.failures.map((f) => f.name)).toEqual([
      'FunctionInvocationError',
      'InvalidLambdaResponseError',
      'InvalidLambdaResponseError',
    ]);
    expect(logger.warnings).toHaveLength(3);
  });

  it('applies the fallback to all recipients once the rule timeout elapses', async () => {
    const { clock, invoker, run } = setup([fail], { ruleTimeoutMinutes: 1 });
    const start = clock.now();

    const outcome = await run();

    expect(outcome.source).toBe('FALLBACK');
    expect(outcome.decisions).toEqual([
      { recipient: 'a@org.example', action: 'BOUNCE', added: false, source: 'FALLBACK' },
      { recipient: 'b@org.example', action: 'BOUNCE', added: false, source: 'FALLBACK' },
    ]);
    // 1+2+4+8+16 s = 31 s slept; the next delay (32 s) would pass the 60 s deadline.
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(invoker.calls).toHaveLength(6);
    expect(clock.now() - start).toBeLessThan(60_000);
  });

  it('falls back to DEFAULT when the rule has no usable fallback', async () => {
    const missing = await setup([fail], { fallbackAction: undefined, ruleTimeoutMinutes: undefined }).run();
    const lambda = await setup([fail], { fallbackAction: 'RUN_LAMBDA', ruleTimeoutMinutes: 0 }).run();

    expect(missing.decisions.map((d) => d.action)).toEqual(['DEFAULT', 'DEFAULT']);
    expect(missing.attempts).toBe(1);
    expect(lambda.decisions.map((d) => d.action)).toEqual(['DEFAULT', 'DEFAULT']);
  });

  it('does not retry when the rule timeout is 0', async () => {
    const { clock, invoker, run } = setup([fail, ok], { ruleTimeoutMinutes: 0 });

    const outcome = await run();

    expect(outcome.source).toBe('FALLBACK');
    expect(invoker.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('counts an answer slower than 15 s as a failed attempt', async () => {
    const clock = new FakeClock();
    const slow: FunctionInvoker = {
      invoke: async () => {
        clock.time += SYNC_ATTEMPT_TIMEOUT_MS + 1;
        return Buffer.from(JSON.stringify(ok()));
      },
    };

    const outcome = await runSynchronousLambda(
      { invoker: slow, clock, logger: new MemoryLogger() },
      { rule: rule({ ruleTimeoutMinutes: 0 }), event, recipients, isOrganizationAddress: org },
    );

    expect(outcome.source).toBe('FALLBACK');
    expect(outcome.failures[0]).toMatchObject({ name: 'FunctionInvocationError', timedOut: true });
  });

  it('treats a timed-out invocation and an oversized response as failures', async () => {
    const timeout = () => new FunctionInvocationError('late', ARN, { timedOut: true });
    const huge = () => `{"actions":[],"pad":"${'x'.repeat(256 * 1024)}"}`;
    const { run } = setup([timeout, huge, ok]);

    const outcome = await run();

    expect(outcome.attempts).toBe(3);
    expect(outcome.failures[1].message).toMatch(/limit is 262144/);
  });

  it('stops retrying at the caller deadline and cuts the last attempt to the time left', async () => {
    const { clock, invoker, run } = setup([fail], { ruleTimeoutMinutes: 5 });
    const start = clock.now();

    const outcome = await run(start + 10_000);

    expect(outcome.source).toBe('FALLBACK');
    expect(outcome.decisions.map((d) => d.action)).toEqual(['BOUNCE', 'BOUNCE']);
    // Attempts at 0, 1, 3 and 7 s; the next delay (8 s) would start after the 10 s deadline.
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
    expect(invoker.calls.map((call) => call.options.timeoutMs)).toEqual([10_000, 9_000, 7_000, 3_000]);
  });

  it('applies the fallback without invoking when the caller deadline has passed', async () => {
    const { clock, invoker, run } = setup([ok]);

    const outcome = await run(clock.now());

    expect(outcome).toMatchObject({ source: 'FALLBACK', attempts: 0, failures: [] });
    expect(outcome.decisions.map((d) => d.action)).toEqual(['BOUNCE', 'BOUNCE']);
    expect(invoker.calls).toHaveLength(0);
  });

  it('counts an answer arriving after the caller deadline as a failed attempt', async () => {
    const clock = new FakeClock();
    const late: FunctionInvoker = {
      invoke: async () => {
        clock.time += 5_001;
        return Buffer.from(JSON.stringify(ok()));
      },
    };

    const outcome = await runSynchronousLambda(
      { invoker: late, clock, logger: new MemoryLogger() },
      { rule: rule(), event, recipients, isOrganizationAddress: org, deadline: clock.now() + 5_000 },
    );

    expect(outcome.source).toBe('FALLBACK');
    expect(outcome.failures[0]).toMatchObject({ message: 'No response within 5000 ms', timedOut: true });
  });

  it('caps the backoff delay at the maximum', () => {
    expect(nextRetryDelay(30, 0, 0, 240)).toBe(MAX_RETRY_DELAY_MS);
    expect(nextRetryDelay(1, 0, 0, 0)).toBeUndefined();
    expect(nextRetryDelay(1, 0, 59_000, 1)).toBeUndefined();
    expect(nextRetryDelay(1, 0, 58_999, 1)).toBe(1000);
  });

  it('leaves no room for a retry past the caller deadline, even within the rule timeout', () => {
    expect(nextRetryDelay(1, 0, 0, 240, 1_000)).toBeUndefined();
    expect(nextRetryDelay(1, 0, 0, 240, 1_001)).toBe(1000);
  });
});

describe('runAsynchronousLambda', () => {
  it('queues the event without waiting for the function', async () => {
    const calls: InvokeOptions[] = [];
    const invoker: FunctionInvoker = { invoke: async (_a, _p, options) => (calls.push(options), undefined) };

    const accepted = await runAsynchronousLambda(
      { invoker, logger: new MemoryLogger() },
      rule({ synchronous: false }),
      event,
    );

    expect(accepted).toBe(true);
    expect(calls).toEqual([{ organizationId: ORG, synchronous: false, timeoutMs: 5000 }]);
  });

  it('never throws: an invocation error is only logged', async () => {
    const logger = new MemoryLogger();
    const invoker: FunctionInvoker = {
      invoke: async () => Promise.reject(new FunctionInvocationError('no such function', ARN)),
    };

    const accepted = await runAsynchronousLambda({ invoker, logger }, rule({ synchronous: false }), event);

    expect(accepted).toBe(false);
    expect(logger.warnings[0]).toMatchObject({
      ruleName: 'scan',
      error: 'FunctionInvocationError',
      reason: 'no such function',
    });
  });
});

describe('systemClock', () => {
  it('reads the wall clock and sleeps for real', async () => {
    const before = Date.now();

    await systemClock.sleep(20);

    expect(systemClock.now() - before).toBeGreaterThanOrEqual(19);
  });
});

import {
  FunctionInvocationError,
  SYNC_ATTEMPT_TIMEOUT_MS,
  buildLambdaEvent,
  runAsynchronousLambda,
  runSynchronousLambda,
  type FunctionInvoker,
  type LambdaRuleBinding,
} from '../../../lambdas/core/flow-lambda';
import { FakeClock, MemoryLogger, ScriptedInvoker } from './doubles';

const ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:scan';
const rule: LambdaRuleBinding = {
  name: 'scan',
  organizationId: 'm-11111111111111111111111111111111',
  lambdaArn: ARN,
  synchronous: true,
  fallbackAction: 'BOUNCE',
  ruleTimeoutMinutes: 0,
};
const event = buildLambdaEvent({
  messageId: 'm-1',
  flowDirection: 'INBOUND',
  mailFrom: 'x@example.com',
  recipients: ['a@org.example'],
  subject: 's',
  functionArn: ARN,
  ruleName: 'scan',
});
const junkAll = JSON.stringify({ actions: [{ action: { type: 'MOVE_TO_JUNK' }, allRecipients: true }] });
const isOrganizationAddress = (address: string) => address.endsWith('@org.example');

describe('runSynchronousLambda: edges', () => {
  it('accepts an answer that arrives exactly at the attempt deadline', async () => {
    const clock = new FakeClock();
    const onTheDot: FunctionInvoker = {
      invoke: async () => {
        clock.time += SYNC_ATTEMPT_TIMEOUT_MS;
        return Buffer.from(junkAll);
      },
    };

    const outcome = await runSynchronousLambda(
      { invoker: onTheDot, clock, logger: new MemoryLogger() },
      { rule, event, recipients: ['a@org.example'], isOrganizationAddress },
    );

    expect(outcome).toMatchObject({ source: 'RESPONSE', attempts: 1 });
  });

  it('logs each failed attempt with the rule, function, invocation, attempt and error, and no content', async () => {
    const logger = new MemoryLogger();
    const invoker = new ScriptedInvoker([() => new FunctionInvocationError('throttled', ARN)]);

    await runSynchronousLambda(
      { invoker, clock: new FakeClock(), logger },
      { rule, event, recipients: ['a@org.example'], isOrganizationAddress },
    );

    expect(logger.messages).toEqual(['Synchronous flow-rule Lambda attempt failed']);
    expect(logger.warnings).toEqual([
      {
        ruleName: 'scan',
        functionArn: ARN,
        invocationId: event.invocationId,
        attempt: 1,
        error: 'FunctionInvocationError',
        reason: 'throttled',
      },
    ]);
  });

  it('falls back once per recipient, whatever the case of repeated addresses', async () => {
    const invoker = new ScriptedInvoker([() => new FunctionInvocationError('down', ARN)]);

    const outcome = await runSynchronousLambda(
      { invoker, clock: new FakeClock(), logger: new MemoryLogger() },
      { rule, event, recipients: ['a@org.example', 'A@ORG.example', 'b@org.example'], isOrganizationAddress },
    );

    expect(outcome.decisions.map((decision) => [decision.recipient, decision.action])).toEqual([
      ['a@org.example', 'BOUNCE'],
      ['b@org.example', 'BOUNCE'],
    ]);
  });
});

describe('runAsynchronousLambda: logging', () => {
  it('logs an accepted event with the rule and invocation id', async () => {
    const logger = new MemoryLogger();

    await runAsynchronousLambda({ invoker: new ScriptedInvoker([() => '']), logger }, rule, event);

    expect(logger.messages).toEqual(['Asynchronous flow-rule Lambda invoked']);
    expect(logger.infos).toEqual([{ ruleName: 'scan', invocationId: event.invocationId }]);
  });

  it('logs a refusal that is not an Error as Unknown, with its text', async () => {
    const logger = new MemoryLogger();
    const invoker: FunctionInvoker = { invoke: () => Promise.reject('socket closed') };

    const accepted = await runAsynchronousLambda({ invoker, logger }, rule, event);

    expect(accepted).toBe(false);
    expect(logger.messages).toEqual(['Asynchronous flow-rule Lambda could not be invoked']);
    expect(logger.warnings).toEqual([
      {
        ruleName: 'scan',
        functionArn: ARN,
        invocationId: event.invocationId,
        error: 'Unknown',
        reason: 'socket closed',
      },
    ]);
  });
});

describe('FunctionInvocationError', () => {
  it('is not a time-out unless it says so', () => {
    expect(new FunctionInvocationError('x', ARN).timedOut).toBe(false);
    expect(new FunctionInvocationError('x', ARN, { timedOut: true }).timedOut).toBe(true);
  });
});

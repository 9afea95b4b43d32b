import type { DecisionInput, MailboxTarget } from '../../../lambdas/core/delivery';
import type { Clock, FunctionInvoker, InvokeOptions, LambdaEvent } from '../../../lambdas/core/flow-lambda';
import { CompiledRuleSetCache, type FlowRule } from '../../../lambdas/core/flow-rules';
import {
  FlowRuleDecider,
  inboundObjectLocation,
  type InboundOrganizationSettings,
} from '../../../lambdas/core/inbound-rules';
import { MemoryFlowRuleStore, rule } from '../flow-rules/memory-flow-rule-store';
import { MemoryInFlightMessageStore } from '../message-flow/memory-stores';

/** The Run Lambda rules' function. */
export const ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:f';

/** Keeps every log line with its attributes. */
export class Logger {
  public readonly lines: { message: string; attributes: Record<string, unknown> }[] = [];
  public info(message: string, attributes: Readonly<Record<string, unknown>>): void {
    this.lines.push({ message, attributes: { ...attributes } });
  }
  public warn(message: string, attributes: Readonly<Record<string, unknown>>): void {
    this.lines.push({ message, attributes: { ...attributes } });
  }
  public error(message: string, attributes: Readonly<Record<string, unknown>>): void {
    this.lines.push({ message, attributes: { ...attributes } });
  }
  public events(name: string) {
    return this.lines.filter((line) => line.message === name).map((line) => line.attributes);
  }
}

/** A recipient mailbox `<mailboxId>@<organizationId>.example`. */
export const target = (mailboxId: string, organizationId = 'm-a'): MailboxTarget => ({
  recipient: `${mailboxId}@${organizationId}.example`,
  organizationId,
  mailboxId,
  kind: 'USER',
  quotaBytes: 1000,
});

/** What the fake function does on one invocation: an answer, a failure, or code run with the event. */
export type Response = unknown | Error | ((event: LambdaEvent) => Promise<unknown>);

/**
 * A decider over in-memory rules and Message Flow records, a clock that only moves when slept or when a failing
 * invocation takes `failureMs`, and a function that plays the queued `responses` in order.
 */
export function setup(settings: Record<string, InboundOrganizationSettings> = {}, failureMs = 0) {
  const store = new MemoryFlowRuleStore();
  const inFlight = new MemoryInFlightMessageStore();
  const logger = new Logger();
  const responses: Response[] = [];
  const calls: { arn: string; at: number; event: LambdaEvent; options: InvokeOptions }[] = [];
  let time = 0;
  const invoker: FunctionInvoker = {
    invoke: async (arn, payload, options) => {
      const event = payload as LambdaEvent;
      calls.push({ arn, at: time, event, options });
      const next = responses.shift();
      if (next instanceof Error) {
        time += Math.min(failureMs, options.timeoutMs);
        throw next;
      }
      const answer = typeof next === 'function' ? await next(event) : next;
      return options.synchronous ? Buffer.from(JSON.stringify(answer)) : undefined;
    },
  };
  const clock: Clock = { now: () => time, sleep: async (ms) => void (time += ms) };
  const make = (decisionBudgetMs?: number) =>
    new FlowRuleDecider({
      rules: new CompiledRuleSetCache(store),
      organizations: { settings: async (id) => settings[id] },
      invoker,
      inFlight,
      clock,
      logger,
      originalLocation: inboundObjectLocation('inbound', 'incoming/'),
      decisionBudgetMs,
    });
  const add = (fields: Partial<FlowRule> & Pick<FlowRule, 'name' | 'action'>) =>
    store.createRule(rule({ organizationId: 'm-a', ...fields }), 1000);
  return { decider: make(), make, add, inFlight, logger, responses, calls, now: () => time };
}

/** A message from `Sender <sender@remote.example>` (envelope `bounce@remote.example`) to `recipients`. */
export const input = (
  recipients: MailboxTarget[],
  verdicts: Partial<DecisionInput['verdicts']> = {},
  headers: Partial<DecisionInput['headers']> = {},
): DecisionInput => ({
  messageId: 'ses-1',
  envelopeFrom: 'bounce@remote.example',
  headers: {
    from: 'Sender <sender@remote.example>',
    subject: 'Hi',
    rawHeaderBlock: '',
    isDeliveryReport: false,
    ...headers,
  },
  verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', ...verdicts },
  recipients,
});

/** Organization m-a: DMARC enforced, domain m-a.example. */
export const A = { dmarcEnforced: true, domains: ['m-a.example'] };

/** A DecisionControl that counts the decider's requests for exclusivity. */
export function exclusivity() {
  const control = {
    requests: 0,
    exclusive: async () => {
      control.requests++;
    },
  };
  return control;
}

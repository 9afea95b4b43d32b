import { MemorySendingCounters } from '../../../lambdas/adapters/local/memory-sending-counters';
import type { DirectoryRecipient, OutboundRawMessage } from '../../../lambdas/core/delivery/ports';
import type { Clock, FunctionInvoker, LambdaEvent } from '../../../lambdas/core/flow-lambda';
import { CompiledRuleSetCache, type FlowRule } from '../../../lambdas/core/flow-rules';
import type { DeliverInput } from '../../../lambdas/core/mailbox/types';
import type { SendRight } from '../../../lambdas/core/permissions/types';
import type { SendingDeps, SubmittingUser } from '../../../lambdas/core/sending';
import { Logger } from '../inbound-rules/decider-harness';
import { MemoryFlowRuleStore } from '../flow-rules/memory-flow-rule-store';
import { MemoryInFlightMessageStore, MemoryObjects } from '../message-flow/memory-stores';

export const ORG = 'm-org';
export const ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:f';

/** Ana signs in; her organization owns example.com and acme.test.mailwright.test (a test domain). */
export const ANA: SubmittingUser = { organizationId: ORG, userId: 'ana', email: 'ana@example.com' };

/** A message with the given header lines and a short body. */
export const message = (...headers: string[]) =>
  Buffer.from(`${headers.join('\r\n')}\r\n\r\nHello there.\r\n`);

/**
 * Sending over in-memory doubles: a directory of addresses, grants by (user, mailbox), compiled rules from a memory
 * store, a mailbox service that records deliveries, a mail sender that records what it sends, memory counters.
 */
export function sendingSetup() {
  const entries = new Map<string, DirectoryRecipient>();
  const members = new Map<string, DirectoryRecipient[]>();
  const grants = new Map<string, SendRight>();
  const delivered: DeliverInput[] = [];
  const sent: OutboundRawMessage[] = [];
  const full = new Set<string>();
  const rules = new MemoryFlowRuleStore();
  const inFlight = new MemoryInFlightMessageStore();
  const objects = new MemoryObjects();
  const logger = new Logger();
  const counters = new MemorySendingCounters(() => 0);
  const responses: unknown[] = [];
  const invocations: { event: LambdaEvent; synchronous: boolean }[] = [];
  let failSending: Error | undefined;
  let time = 0;
  const clock: Clock = { now: () => time, sleep: async (ms) => void (time += ms) };
  const invoker: FunctionInvoker = {
    invoke: async (_arn, payload, options) => {
      invocations.push({ event: payload as LambdaEvent, synchronous: options.synchronous });
      const next = responses.shift();
      if (typeof next === 'function') return Buffer.from(JSON.stringify(await next(payload)));
      return options.synchronous ? Buffer.from(JSON.stringify(next)) : undefined;
    },
  };
  const add = (address: string, entry: Partial<DirectoryRecipient> & { entityId: string }) =>
    entries.set(address, { organizationId: ORG, kind: 'USER', state: 'ENABLED', email: address, ...entry });
  add('ana@example.com', { entityId: 'ana' });
  add('ana.alias@example.com', { entityId: 'ana' });
  add('ben@example.com', { entityId: 'ben' });
  add('ana@acme.test.mailwright.test', { entityId: 'ana' });
  const deps: SendingDeps = {
    directory: {
      resolveAddress: async (address) => entries.get(address.toLowerCase()),
      listMembers: async (_org, groupId) => members.get(groupId) ?? [],
      domainOwner: async (domain) =>
        ['example.com', 'acme.test.mailwright.test'].includes(domain)
          ? ORG
          : domain === 'other.example'
            ? 'm-other-tenant'
            : undefined,
      quotaBytes: async () => 1_000_000,
      defaultQuotaBytes: 1_000_000,
    },
    permissions: {
      maySend: async (_org, userId, mailboxId) =>
        mailboxId === userId ? 'OWNER' : grants.get(`${userId}/${mailboxId}`),
    },
    rules: new CompiledRuleSetCache(rules),
    lambdas: { invoker, inFlight, rawMessages: objects, clock },
    mailboxes: {
      deliver: async (input) => {
        if (full.has(input.mailboxId)) {
          const error = new Error('full');
          error.name = 'MailboxQuotaExceededError';
          throw error;
        }
        delivered.push(input);
        return { stored: true };
      },
    },
    mailSender: {
      sendRaw: async (outbound) => {
        if (failSending) throw failSending;
        sent.push(outbound);
      },
    },
    counters,
    quotas: {
      externalRecipientsPerUserPerDay: 3,
      externalRecipientsPerAccountPerDay: 5,
      testDomainRecipientsPerAccountPerDay: 2,
    },
    testDomainSuffix: 'mailwright.test',
    reportingMta: 'mail.example.com',
    logger,
    now: () => Date.UTC(2027, 0, 15, 12),
  };
  const rule = (fields: Partial<FlowRule> & Pick<FlowRule, 'name' | 'action'>) =>
    rules.createRule(
      {
        organizationId: ORG,
        direction: 'OUTBOUND',
        senderPatterns: ['*'],
        destinationPatterns: ['*'],
        createdAt: 0,
        modifiedAt: 0,
        ...fields,
      },
      1000,
    );
  return {
    deps,
    add,
    members,
    grants,
    delivered,
    sent,
    full,
    counters,
    objects,
    inFlight,
    logger,
    responses,
    invocations,
    rule,
    failSendingWith: (error: Error) => {
      failSending = error;
    },
    /** The delivery stored in a mailbox, as text. */
    copyIn: (mailboxId: string, folder = 'INBOX') =>
      delivered.find((input) => input.mailboxId === mailboxId && input.folder === folder)?.raw.toString(),
  };
}

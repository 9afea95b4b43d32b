import { createHash } from 'node:crypto';
import type { EventAddress, FlowDirection, LambdaEvent } from './types';

/** Largest event, in bytes of UTF-8 JSON, before the recipient list is cut (§7.3: 128 KB = 131,072 bytes). */
export const MAX_EVENT_BYTES = 128 * 1024;
/** Subject length in the event, in Unicode code points (never splits a surrogate pair). */
export const MAX_EVENT_SUBJECT_CHARS = 256;

/** What the pipeline knows about one SMTP transaction (inbound) or one submission (outbound). */
export interface LambdaEventInput {
  /** Message Flow API id of the in-flight message (see core/message-flow `newMessageFlowId`). */
  readonly messageId: string;
  readonly flowDirection: FlowDirection;
  /** The address the mail is from: the represented user for send-as / on-behalf-of. */
  readonly mailFrom: string;
  /** The actual sender; emitted as top-level `sender` only when it differs from `mailFrom` (on-behalf-of). */
  readonly sender?: string;
  /** Envelope recipients of this transaction (To, Cc and Bcc alike). */
  readonly recipients: readonly string[];
  readonly subject: string;
  /** Inbound only: the organization's mail domains; recipients in other domains are left out of the event. */
  readonly organizationDomains?: readonly string[];
  /** The rule being invoked: part of the invocation id, so two rules on one message get different ids. */
  readonly functionArn: string;
  readonly ruleName: string;
}

/** The domain of an address, lower case. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** True when the address is in one of the domains (exact match, case-insensitive). */
export function isInDomains(address: string, domains: readonly string[]): boolean {
  const domain = domainOf(address);
  return domains.some((candidate) => candidate.toLowerCase() === domain);
}

/**
 * The invocation id: 32 hex characters derived from the message id and the rule, so every retry of the same
 * event carries the same id (§7.3) and the id reveals nothing about the message id.
 * @example
 * deriveInvocationId('0f…', 'arn:aws:lambda:eu-west-1:111122223333:function:f', 'rule') // '9c1e…' (32 hex)
 */
export function deriveInvocationId(messageId: string, functionArn: string, ruleName: string): string {
  return createHash('sha256')
    .update(`mailwright-invocation\n${messageId}\n${functionArn}\n${ruleName}`)
    .digest('hex')
    .slice(0, 32);
}

/** Cuts a subject to {@link MAX_EVENT_SUBJECT_CHARS} code points. */
export function truncateSubject(subject: string): string {
  return Array.from(subject).slice(0, MAX_EVENT_SUBJECT_CHARS).join('');
}

/** Size of the event as the function receives it: UTF-8 bytes of its JSON. */
export function eventBytes(event: LambdaEvent): number {
  return Buffer.byteLength(JSON.stringify(event));
}

/**
 * Builds the exact §7.3 event. Inbound recipients outside the organization's domains are dropped; when the JSON
 * would exceed {@link MAX_EVENT_BYTES} the recipient list is shortened (keeping order) and `truncated` is true.
 * @param input - the transaction and the rule being invoked
 * @example
 * const event = buildLambdaEvent({ messageId, flowDirection: 'INBOUND', mailFrom: 'a@x.com', recipients: ['b@org.com'],
 *   subject: 'Hi', organizationDomains: ['org.com'], functionArn, ruleName: 'scan' });
 */
export function buildLambdaEvent(input: LambdaEventInput): LambdaEvent {
  const domains = input.flowDirection === 'INBOUND' ? input.organizationDomains : undefined;
  const inScope = domains
    ? input.recipients.filter((address) => isInDomains(address, domains))
    : input.recipients;
  const onBehalfOf =
    input.sender !== undefined && input.sender.toLowerCase() !== input.mailFrom.toLowerCase();
  const make = (recipients: readonly EventAddress[], truncated: boolean): LambdaEvent => ({
    summaryVersion: '2018-10-10',
    envelope: { mailFrom: { address: input.mailFrom }, recipients },
    ...(onBehalfOf ? { sender: { address: input.sender as string } } : {}),
    subject: truncateSubject(input.subject),
    messageId: input.messageId,
    invocationId: deriveInvocationId(input.messageId, input.functionArn, input.ruleName),
    flowDirection: input.flowDirection,
    truncated,
  });
  const all = inScope.map((address) => ({ address }));
  const full = make(all, false);
  if (eventBytes(full) <= MAX_EVENT_BYTES) return full;
  // Largest prefix of the recipient list that fits: binary search on the count.
  let low = 0;
  // Stryker disable next-line ArithmeticOperator: a larger upper bound only adds search steps
  let high = all.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (eventBytes(make(all.slice(0, middle), true)) <= MAX_EVENT_BYTES) low = middle;
    else high = middle - 1;
  }
  return make(all.slice(0, low), true);
}

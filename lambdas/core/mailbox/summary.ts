import { decryptField, encryptField, type MessageIdentity } from '../crypto/envelope';
import type { EncryptedSummary, MessageSummary, SummaryField } from './types';

/**
 * Encrypts the summary fields that reveal content (subject, from, to, snippet), each with its name in the AAD.
 * @example
 * const summary = encryptSummary(messageKey, identity, { subject: 'Hello', to: ['a@example.com'] });
 */
export function encryptSummary(
  messageKey: Uint8Array,
  identity: MessageIdentity,
  summary: MessageSummary,
): EncryptedSummary {
  const sealed: Partial<Record<SummaryField, Uint8Array>> = {};
  const seal = (field: SummaryField, value: string | undefined) => {
    if (value !== undefined) sealed[field] = encryptField(messageKey, identity, field, value);
  };
  seal('subject', summary.subject);
  seal('from', summary.from);
  // Stryker disable next-line ConditionalExpression: JSON.stringify(undefined) is undefined too (its type says string)
  seal('to', summary.to === undefined ? undefined : JSON.stringify(summary.to));
  seal('snippet', summary.snippet);
  return sealed;
}

/** Decrypts what {@link encryptSummary} produced for the same message identity. */
export function decryptSummary(
  messageKey: Uint8Array,
  identity: MessageIdentity,
  sealed: EncryptedSummary,
): MessageSummary {
  const open = (field: SummaryField) => {
    const value = sealed[field];
    return value === undefined ? undefined : decryptField(messageKey, identity, field, value);
  };
  const to = open('to');
  const summary = {
    subject: open('subject'),
    from: open('from'),
    to: to === undefined ? undefined : (JSON.parse(to) as string[]),
    snippet: open('snippet'),
  };
  return Object.fromEntries(
    Object.entries(summary).filter(([, value]) => value !== undefined),
  ) as MessageSummary;
}

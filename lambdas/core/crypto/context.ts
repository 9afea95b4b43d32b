/**
 * Canonical bytes of an encryption context (entries sorted by key, then JSON), so that the same context given in
 * any key order authenticates the same way. Used as AAD by local key wrappers.
 * @example
 * canonicalContext({ b: '2', a: '1' }).toString(); // '[["a","1"],["b","2"]]'
 */
export function canonicalContext(context: Readonly<Record<string, string>>): Buffer {
  const entries = Object.keys(context)
    .sort()
    .map((key) => [key, context[key]]);
  return Buffer.from(JSON.stringify(entries));
}

/** Encryption-context key naming the organization, exactly as WorkMail uses it with KMS. */
export const ORGANIZATION_CONTEXT_KEY = 'aws:workmail:arn';
/** Encryption-context key naming the mailbox a wrapped mailbox key belongs to. */
export const MAILBOX_CONTEXT_KEY = 'mailwright:mailbox';

/**
 * The KMS encryption context of a mailbox key: the organization ARN and the mailbox id.
 * @example
 * mailboxKeyContext('arn:aws:workmail:eu-west-1:111122223333:organization/m-1', 'S-1-1');
 */
export function mailboxKeyContext(organizationArn: string, mailboxId: string): Record<string, string> {
  return { [ORGANIZATION_CONTEXT_KEY]: organizationArn, [MAILBOX_CONTEXT_KEY]: mailboxId };
}

/** The reserved system address journal records are sent from (WorkMail: `amazonjournaling@<alias>.awsapps.com`). */

/** The local part no user, group, resource or alias may claim, on any domain of any organization. */
export const JOURNALING_LOCAL_PART = 'amazonjournaling';

/**
 * The sender of an organization's journal records: the reserved local part on its test domain, which has no mailbox.
 * @param alias - the organization's alias
 * @param testDomainSuffix - the deployment's test domain suffix (WorkMail: `awsapps.com`)
 * @example
 * journalingSender('Acme', 'mailwright.test'); // 'amazonjournaling@acme.mailwright.test'
 */
export function journalingSender(alias: string, testDomainSuffix: string): string {
  return `${JOURNALING_LOCAL_PART}@${alias.toLowerCase()}.${testDomainSuffix.toLowerCase()}`;
}

/**
 * True when an address uses the journaling sender's local part (case-insensitive, any domain): such an address
 * cannot be claimed by an entity, and is never a journaling or report address.
 * @example
 * isJournalingSenderAddress('AmazonJournaling@example.com'); // true
 */
export function isJournalingSenderAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  return at > 0 && address.slice(0, at).toLowerCase() === JOURNALING_LOCAL_PART;
}

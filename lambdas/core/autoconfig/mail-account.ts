import { EmailAddress } from '../api/shapes';
import { splitAddress } from '../directory/addresses';
import type { MailAccessSettings } from './mail-access';

/** The account a mail app is being set up for: its address (the sign-in name) and where to reach the servers. */
export interface MailAccount {
  /** The address, lower-case; it is also the IMAP and submission user name. */
  readonly address: string;
  readonly domain: string;
  readonly access: MailAccessSettings;
}

/** What {@link findMailAccount} needs from the deployment. */
export interface MailAccountDirectory {
  readonly mailAccess: MailAccessSettings;
  /** The organization that claimed (verified) a domain, if any. */
  findDomainOwner(domainName: string): Promise<string | undefined>;
}

/**
 * `malformed`: not an address the directory could hold; `unknown`: its domain is no verified mail domain here.
 * Neither says which organization, if any, holds the domain.
 */
export type MailAccountLookup =
  | { readonly outcome: 'found'; readonly account: MailAccount }
  | { readonly outcome: 'malformed' }
  | { readonly outcome: 'unknown' };

const ADDRESS = new RegExp(EmailAddress.pattern!);

/**
 * Resolves the address a client asks settings for. Only the domain is looked up: the settings are the same for
 * every user of every organization, so whether the mailbox exists is neither checked nor revealed.
 * @param raw - the address the client sent, e.g. Thunderbird's `emailaddress` query parameter
 * @param directory - the deployment's mail access settings and domain lookup
 * @example
 * const found = await findMailAccount('ana@example.com', { mailAccess, findDomainOwner });
 */
export async function findMailAccount(
  raw: string | undefined,
  directory: MailAccountDirectory,
): Promise<MailAccountLookup> {
  const candidate = raw?.trim() ?? '';
  if (candidate.length > (EmailAddress.maxLength ?? 254) || !ADDRESS.test(candidate))
    return { outcome: 'malformed' };
  const { address, domain } = splitAddress(candidate);
  if ((await directory.findDomainOwner(domain)) === undefined) return { outcome: 'unknown' };
  return { outcome: 'found', account: { address, domain, access: directory.mailAccess } };
}

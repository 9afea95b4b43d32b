import { createHash } from 'node:crypto';
import type { AuthenticatedUser } from '../../../core/user-auth/types';
import type { IdentitySettings } from '../../../core/sending';
import type { SubmissionMethodDeps } from './submission-context';

/** A JMAP Identity (RFC 8621 §6): one address the user may send as. */
export interface Identity {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly replyTo: IdentitySettings['replyTo'];
  readonly bcc: IdentitySettings['bcc'];
  readonly textSignature: string;
  readonly htmlSignature: string;
  readonly mayDelete: false;
}

/**
 * The stable id of the identity for an address: the same address always gets the same id, whatever changes around
 * it (it reveals nothing of the address).
 * @example
 * identityId('ana@example.com'); // 'I…' (25 characters)
 */
export function identityId(address: string): string {
  return `I${createHash('sha256').update(address.toLowerCase()).digest('hex').slice(0, 24)}`;
}

/**
 * The user's identities: their primary address and each alias (owner), then the primary address of every mailbox
 * they hold SEND_AS or SEND_ON_BEHALF on (groups included), read fresh; each with the settings the user stored.
 * @example
 * const list = await identitiesOf(deps, user);
 */
export async function identitiesOf(deps: SubmissionMethodDeps, user: AuthenticatedUser): Promise<Identity[]> {
  const [self, access, settings] = await Promise.all([
    deps.entities.getEntity(user.organizationId, user.userId),
    deps.permissions.mailboxAccess(user.organizationId, user.userId),
    deps.identitySettings.list(user.organizationId, user.userId),
  ]);
  const delegated = await Promise.all(
    [...new Set([...access.sendAs, ...access.sendOnBehalf])].map((id) =>
      deps.entities.getEntity(user.organizationId, id),
    ),
  );
  const seen = new Set<string>();
  const identities: Identity[] = [];
  const add = (email: string | undefined, name: string) => {
    if (!email || seen.has(email.toLowerCase())) return;
    seen.add(email.toLowerCase());
    const id = identityId(email);
    const stored = settings.get(id) ?? {};
    identities.push({
      id,
      name: stored.name ?? name,
      email,
      replyTo: stored.replyTo ?? null,
      bcc: stored.bcc ?? null,
      textSignature: stored.textSignature ?? '',
      htmlSignature: stored.htmlSignature ?? '',
      mayDelete: false,
    });
  };
  const ownName = self?.displayName ?? self?.name ?? '';
  add(self?.email ?? user.email, ownName);
  for (const alias of self?.aliases ?? []) add(alias, ownName);
  for (const mailbox of delegated) add(mailbox?.email, mailbox?.displayName ?? mailbox?.name ?? '');
  return identities;
}

/**
 * The state of a user's identities: a digest of the list, so it changes exactly when an identity or its settings
 * do.
 */
export function identityState(identities: readonly Identity[]): string {
  return createHash('sha256').update(JSON.stringify(identities)).digest('base64url').slice(0, 16);
}

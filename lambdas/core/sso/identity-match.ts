import type { Entity } from '../directory/types';
import type { SignInDirectory } from '../user-auth/ports';
import type { VerifiedIdentity } from './types';

/**
 * The directory user of `organizationId` an identity provider's user is (directory-and-mailboxes.md §6.3): the user
 * whose primary address is the identity's verified e-mail, else the user named like its `preferred_username`. A
 * user already associated with another identity provider user (IdentityProviderUserId) is nobody's match. Only
 * this organization is searched: a user of another organization is not found.
 * @example
 * const user = await matchDirectoryUser(directory, organizationId, { subject, email: 'ana@example.com', emailVerified: true });
 */
export async function matchDirectoryUser(
  directory: SignInDirectory,
  organizationId: string,
  identity: VerifiedIdentity,
): Promise<Entity | undefined> {
  const email = identity.emailVerified ? identity.email?.toLowerCase() : undefined;
  const byEmail = email ? await directory.entities.findByEmail(organizationId, email) : undefined;
  const found =
    byEmail?.kind === 'USER' && byEmail.email === email
      ? byEmail
      : identity.preferredUsername
        ? await directory.entities.findByName(organizationId, identity.preferredUsername)
        : undefined;
  if (found?.kind !== 'USER' || found.organizationId !== organizationId) return undefined;
  const associated = found.identityProviderUserId;
  return associated === undefined || associated === identity.subject ? found : undefined;
}

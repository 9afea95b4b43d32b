import { splitAddress } from '../directory/addresses';
import type { Entity, Organization } from '../directory/types';
import type { SignInDirectory } from './ports';

/**
 * Which directory users may sign in, and how a login names one. A login is the user's primary e-mail address
 * (case-insensitive; aliases do not sign in), or, where the front end serves one organization, its user name.
 */

/**
 * True when the user may sign in now: an ENABLED user with a mailbox (not a remote user), in an Active
 * organization. Disabled (deregistered) and deleted users, and every user of an organization being deleted, may not.
 * @example
 * const { organization, user } = await readAccount(directory, organizationId, userId);
 * if (!maySignIn(organization, user)) return refuse('USER_DISABLED');
 */
export function maySignIn(organization: Organization | undefined, user: Entity | undefined): user is Entity {
  return (
    organization?.state === 'Active' &&
    user?.kind === 'USER' &&
    user.state === 'ENABLED' &&
    user.email !== undefined &&
    (user.role ?? 'USER') === 'USER'
  );
}

/**
 * Finds the user a login names: a primary address in the organization that owns its domain, else (when the front
 * end gives an organization) a user name there. Aliases and other entity kinds name nobody.
 * @param directory - the directory reads
 * @param login - what the client sent
 * @param organizationId - the organization the front end serves, if any
 * @example
 * const user = await findLoginUser(directory, 'Ana@Example.com');
 */
export async function findLoginUser(
  directory: SignInDirectory,
  login: string,
  organizationId?: string,
): Promise<Entity | undefined> {
  if (login.includes('@')) {
    const { address, domain } = splitAddress(login);
    const owner = await directory.organizations.findDomainOwner(domain);
    if (owner && (organizationId === undefined || owner === organizationId)) {
      const user = await directory.entities.findByEmail(owner, address);
      if (user?.kind === 'USER' && user.email === address) return user;
    }
  }
  if (organizationId === undefined) return undefined;
  const named = await directory.entities.findByName(organizationId, login);
  return named?.kind === 'USER' ? named : undefined;
}

/**
 * True when `login` names `user` as {@link findLoginUser} would: its primary address, or its user name when the
 * front end serves the user's organization (both case-insensitive).
 * @example
 * loginNames(ana, 'ANA@example.com'); // true
 */
export function loginNames(user: Entity, login: string, organizationId?: string): boolean {
  const lower = login.toLowerCase();
  if (user.email === lower) return true;
  return organizationId === user.organizationId && user.name.toLowerCase() === lower;
}

/** A user and its organization, as read for a credential already matched to them. */
export interface SignInAccount {
  readonly organization: Organization | undefined;
  readonly user: Entity | undefined;
}

/**
 * Reads a user and its organization, in parallel (two consistent reads).
 * @example
 * const { organization, user } = await readAccount(directory, token.organizationId, token.userId);
 */
export async function readAccount(
  directory: SignInDirectory,
  organizationId: string,
  userId: string,
): Promise<SignInAccount> {
  const [organization, user] = await Promise.all([
    directory.organizations.getOrganization(organizationId),
    directory.entities.getEntity(organizationId, userId),
  ]);
  return { organization, user };
}

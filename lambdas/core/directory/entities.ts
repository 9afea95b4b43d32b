import { randomBytes, randomUUID } from 'node:crypto';
import type { ApiDeps } from '../api/deps';
import { EntityAlreadyRegisteredException, EntityStateException, ReservedNameException } from '../api/errors';
import { sameAddress, splitAddress } from './addresses';
import { requireUsableDomain } from './guards';
import { hasMailbox } from './mailbox-owner';
import { isJournalingSenderAddress } from '../journaling/sender';
import type { Entity, EntityKind } from './types';

/**
 * The entity lifecycle shared by users, groups and resources (directory-and-mailboxes.md §3.2):
 * created DISABLED → RegisterToWorkMail → ENABLED → DeregisterFromWorkMail → DISABLED → Delete* → DELETED.
 */

/**
 * Names no user, group or resource may take (case-insensitive): the journaling sender and the role addresses
 * mail systems reserve (RFC 2142 postmaster/abuse, and the SES/WorkMail system accounts).
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'administrator',
  'amazonjournaling',
  'postmaster',
  'mailer-daemon',
  'abuse',
  'root',
  'system',
]);

/** Refuses reserved names, and names whose part before an `@` is reserved. @throws ReservedNameException */
export function assertNameAllowed(name: string): void {
  const lower = name.toLowerCase();
  const at = lower.indexOf('@');
  if (RESERVED_NAMES.has(lower) || (at > 0 && RESERVED_NAMES.has(lower.slice(0, at))))
    throw new ReservedNameException(`The name ${name} is reserved.`);
}

/**
 * Refuses an address no entity may claim: the journaling sender's local part, on any domain (it sends journal
 * records and has no mailbox). @throws ReservedNameException
 */
export function assertAddressAllowed(address: string): void {
  if (isJournalingSenderAddress(address))
    throw new ReservedNameException(`The address ${address} is reserved for journaling.`);
}

/** A new entity id: a lower-case GUID for users and groups, `r-` + 32 hex for resources. */
export function newEntityId(kind: EntityKind): string {
  return kind === 'RESOURCE' ? `r-${randomBytes(16).toString('hex')}` : randomUUID();
}

/** What every new user, group or resource starts as: a fresh id, DISABLED, no addresses. */
export interface NewEntityFields {
  readonly organizationId: string;
  readonly kind: EntityKind;
  readonly name: string;
  readonly hiddenFromGlobalAddressList?: boolean;
}

/**
 * The common part of a new entity record; the create operation adds its kind's own fields.
 * @param now - creation time, from the deployment clock
 * @example
 * const group = newEntity({ organizationId, kind: 'GROUP', name: 'sales' }, deps.clock());
 */
export function newEntity(fields: NewEntityFields, now: Date): Entity {
  return {
    organizationId: fields.organizationId,
    entityId: newEntityId(fields.kind),
    kind: fields.kind,
    name: fields.name,
    state: 'DISABLED',
    aliases: [],
    hiddenFromGlobalAddressList: fields.hiddenFromGlobalAddressList ?? false,
    createdAt: now.getTime(),
  };
}

// Kept importable from here: the rule lives apart so that core modules without the API layer can use it.
export { hasMailbox } from './mailbox-owner';

/**
 * Enables a DISABLED entity with a primary address and provisions its mailbox: the same mailbox while it is kept
 * (within the retention after DeregisterFromWorkMail), a new, empty one after the purge job destroyed it.
 * Primary course:
 * 1. Refuse DELETED entities; an ENABLED entity succeeds unchanged with the same address, and is refused otherwise.
 *    Refuse a DISABLED entity whose mailbox the purge job is destroying (it succeeds again once the purge ends).
 * 2. Refuse the reserved journaling address; check that the address's domain is registered to the organization and
 *    verified.
 * 3. Claim the address and enable the entity in one transaction (the store refuses an address in use).
 * 4. Provision the mailbox (idempotent, so a retry after a failure here completes the registration).
 * @param deps - the API's ports
 * @param entity - the resolved entity
 * @param email - the new primary address
 * @throws EntityStateException, EntityAlreadyRegisteredException, EmailAddressInUseException, ReservedNameException,
 *   MailDomain*Exception
 * @example
 * await registerEntity(deps, user, 'ana@example.com');
 */
export async function registerEntity(deps: ApiDeps, entity: Entity, email: string): Promise<void> {
  if (entity.state === 'DELETED') throw new EntityStateException('A deleted entity cannot be registered.');
  if (entity.state === 'ENABLED') {
    if (!sameAddress(entity.email, email)) {
      throw new EntityAlreadyRegisteredException(`The entity is already registered as ${entity.email}.`);
    }
  } else {
    if (entity.mailboxPurgeStartedAt !== undefined)
      throw new EntityStateException('The mailbox of the entity is being purged; try again later.');
    assertAddressAllowed(email);
    await requireUsableDomain(deps, entity.organizationId, email);
    const at = deps.clock().getTime();
    await deps.entities.register(
      entity.organizationId,
      entity.entityId,
      splitAddress(email).address,
      at,
      hasMailbox(entity),
    );
  }
  if (hasMailbox(entity)) await deps.mailboxes.provision(entity.organizationId, entity.entityId);
}

/**
 * Disables an ENABLED entity: releases its primary address and aliases at once and records the disable time, from
 * which the purge job removes the kept mailbox after 30 days. A DISABLED entity succeeds unchanged.
 * @param deps - the API's ports
 * @param entity - the resolved entity
 * @throws EntityStateException when the entity is DELETED
 * @example
 * await deregisterEntity(deps, user);
 */
export async function deregisterEntity(deps: ApiDeps, entity: Entity): Promise<void> {
  if (entity.state === 'DELETED') throw new EntityStateException('The entity is deleted.');
  if (entity.state === 'DISABLED') return;
  await deps.entities.deregister(entity.organizationId, entity.entityId, deps.clock().getTime());
}

/**
 * Deletes a DISABLED entity: state DELETED, name released, memberships dropped, mailbox permissions dropped (those on
 * its mailbox and those it holds), and, for mailbox kinds, the mailbox key destroyed (crypto-shredding). An already
 * DELETED entity succeeds, dropping permissions and destroying the key again (both idempotent), so a retry after a
 * failure between the steps completes them.
 * @param deps - the API's ports
 * @param entity - the resolved entity
 * @throws EntityStateException when the entity is ENABLED
 * @example
 * await deleteEntity(deps, user);
 */
export async function deleteEntity(deps: ApiDeps, entity: Entity): Promise<void> {
  if (entity.state === 'ENABLED')
    throw new EntityStateException('Disable the entity (DeregisterFromWorkMail) before deleting it.');
  if (entity.state === 'DISABLED') {
    await deps.entities.markDeleted(entity.organizationId, entity.entityId, deps.clock().getTime());
  }
  await deps.mailboxPermissions.deleteEntityPermissions(entity.organizationId, entity.entityId);
  if (hasMailbox(entity)) await deps.mailboxes.destroy(entity.organizationId, entity.entityId);
}

import type { RecipientDirectory } from '../delivery/ports';
import type { MailboxPermissions } from '../permissions/mailbox-permissions';
import type { SendRight } from '../permissions/types';
import { headerAddresses } from './envelope';
import type { SplitMessage } from './header-block';
import type { SubmittingUser } from './types';

/** What checking the sender reads. */
export interface SenderCheckDeps {
  readonly directory: Pick<RecipientDirectory, 'resolveAddress'>;
  readonly permissions: Pick<MailboxPermissions, 'maySend'>;
}

/** The sender is allowed: how, with which `From:` address, and the header change that right requires. */
export interface SenderGrant {
  readonly right: SendRight;
  readonly from: string;
  /** Fields to remove and lines to add to every copy of the message. */
  readonly headers: { readonly remove: readonly string[]; readonly prepend: readonly string[] };
}

/**
 * Checks that the user may send with the message's `From:` (directory-and-mailboxes.md §10).
 * Primary course: 1. the `From:` must hold exactly one address; 2. it must name a mailbox of the user's
 * organization (primary address or alias); 3. the user must own it (`OWNER`) or hold SEND_AS / SEND_ON_BEHALF on it
 * (`MailboxPermissions.maySend`, groups included, read fresh); 4. the `Sender:` follows the right: as owner it may
 * only name the user; SEND_AS removes it (nothing may show the delegate); SEND_ON_BEHALF sets it to the user.
 * @returns the grant, or undefined when the message must be refused with `forbiddenFrom`
 * @example
 * const grant = await checkSender(deps, user, splitMessage(raw));
 */
export async function checkSender(
  deps: SenderCheckDeps,
  user: SubmittingUser,
  message: SplitMessage,
): Promise<SenderGrant | undefined> {
  const from = headerAddresses(message, 'from');
  if (from.length !== 1) return undefined;
  const mailboxId = await ownerOf(deps, user, from[0]);
  if (mailboxId === undefined) return undefined;
  const right = await deps.permissions.maySend(user.organizationId, user.userId, mailboxId);
  if (right === undefined) return undefined;
  if (right === 'SEND_AS') return { right, from: from[0], headers: { remove: ['sender'], prepend: [] } };
  if (right === 'SEND_ON_BEHALF')
    return { right, from: from[0], headers: { remove: ['sender'], prepend: [`Sender: ${user.email}`] } };
  for (const sender of headerAddresses(message, 'sender'))
    if ((await ownerOf(deps, user, sender)) !== user.userId) return undefined;
  return { right, from: from[0], headers: { remove: [], prepend: [] } };
}

/**
 * The grant of a message Mailwright writes for a mailbox (`SubmissionRequest.forMailbox`): the `From:` must be one
 * address of that mailbox; `Sender:` names the user when they are someone else (as SEND_ON_BEHALF does).
 * @returns the grant, or undefined when the message must be refused with `forbiddenFrom`
 * @example
 * const grant = await mailboxGrant(deps, { organizationId, userId: roomId, email: roomEmail }, roomId, message);
 */
export async function mailboxGrant(
  deps: SenderCheckDeps,
  user: SubmittingUser,
  mailboxId: string,
  message: SplitMessage,
): Promise<SenderGrant | undefined> {
  const from = headerAddresses(message, 'from');
  if (from.length !== 1 || (await ownerOf(deps, user, from[0])) !== mailboxId) return undefined;
  const prepend = user.userId === mailboxId ? [] : [`Sender: ${user.email}`];
  return { right: 'OWNER', from: from[0], headers: { remove: ['sender'], prepend } };
}

/**
 * Whether the envelope's MAIL FROM may be used: the `From:` address or one of the user's own addresses.
 * @example
 * await mayUseMailFrom(deps, user, grant, 'ana@example.com'); // true
 */
export async function mayUseMailFrom(
  deps: SenderCheckDeps,
  user: SubmittingUser,
  grant: SenderGrant,
  mailFrom: string,
): Promise<boolean> {
  if (mailFrom.toLowerCase() === grant.from.toLowerCase()) return true;
  // Under SEND_AS nothing may name the delegate, the envelope sender included.
  if (grant.right === 'SEND_AS') return false;
  return (await ownerOf(deps, user, mailFrom)) === user.userId;
}

/** The entity id behind an address of the user's organization, or undefined. */
async function ownerOf(
  deps: SenderCheckDeps,
  user: SubmittingUser,
  address: string,
): Promise<string | undefined> {
  const entity = await deps.directory.resolveAddress(address);
  return entity && entity.organizationId === user.organizationId ? entity.entityId : undefined;
}

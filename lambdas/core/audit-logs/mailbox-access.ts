import { randomUUID } from 'node:crypto';
import type { AuthenticatedUser } from '../user-auth/types';
import type { AuditEvents } from './ports';
import type { AuditProtocol, MailboxAccess } from './types';

/** One operation a front end attempted on mailbox data, in WorkMail's terms (the protocol's translation). */
export type MailboxOperation = Pick<
  MailboxAccess,
  'action' | 'objectType' | 'ownerId' | 'itemId' | 'folderId' | 'folderPath' | 'attachmentPath' | 'allowed'
>;

/**
 * Reports what a signed-in user (or an application through an impersonation role) attempted on mailbox items and
 * folders in one request, allowed or denied, to the organization's mailbox access audit log: the front ends'
 * one entry point. The user, impersonator, source address and user agent come from the sign-in; the operations
 * share one request id.
 * @param audit - the audit log; undefined where none is wired
 * @param user - who signed in (its `origin` is where from)
 * @param protocol - the front end's protocol (`IMAP`, `JMAP`, `CalDAV`)
 * @param operations - what was attempted; none reports nothing
 * @example
 * await reportMailboxAccess(audit, user, 'IMAP', [{ action: 'read', objectType: 'Message', ownerId, folderId, allowed: true }]);
 */
export async function reportMailboxAccess(
  audit: AuditEvents | undefined,
  user: Pick<AuthenticatedUser, 'organizationId' | 'userId' | 'impersonation' | 'origin'>,
  protocol: AuditProtocol,
  operations: readonly MailboxOperation[],
): Promise<void> {
  if (!audit || operations.length === 0) return;
  const requestId = randomUUID();
  await audit.mailboxAccess(
    operations.map((operation) => ({
      ...operation,
      requestId,
      organizationId: user.organizationId,
      userId: user.userId,
      ...(user.impersonation ? { impersonatorId: user.impersonation.roleId } : {}),
      protocol,
      sourceIp: user.origin?.sourceIp ?? '0.0.0.0',
      ...(user.origin?.userAgent === undefined ? {} : { userAgent: user.origin.userAgent }),
    })),
  );
}

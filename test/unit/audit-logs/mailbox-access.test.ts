import { reportMailboxAccess } from '../../../lambdas/core/audit-logs/mailbox-access';
import { RecordingAuditEvents } from '../../support/recording-audit-events';

const ORG = `m-${'a'.repeat(32)}`;

describe('reportMailboxAccess', () => {
  it('adds who, from where and one request id to every operation', async () => {
    const audit = new RecordingAuditEvents();

    await reportMailboxAccess(
      audit,
      {
        organizationId: ORG,
        userId: 'u-1',
        impersonation: { roleId: 'role-1', readOnly: true },
        origin: { sourceIp: '192.0.2.1', userAgent: 'mbsync' },
      },
      'IMAP',
      [
        { action: 'read', objectType: 'Message', ownerId: 'u-1', folderId: 'f-1', allowed: true },
        { action: 'delete', objectType: 'Message', ownerId: 'u-1', folderId: 'f-1', allowed: false },
      ],
    );

    expect(audit.mailboxAccesses).toEqual([
      expect.objectContaining({
        organizationId: ORG,
        userId: 'u-1',
        impersonatorId: 'role-1',
        protocol: 'IMAP',
        sourceIp: '192.0.2.1',
        userAgent: 'mbsync',
        action: 'read',
      }),
      expect.objectContaining({ action: 'delete', allowed: false }),
    ]);
    expect(audit.mailboxAccesses[0].requestId).toBe(audit.mailboxAccesses[1].requestId);
  });

  it('reports nothing without operations or without an audit log', async () => {
    const audit = new RecordingAuditEvents();
    const user = { organizationId: ORG, userId: 'u-1' };

    await reportMailboxAccess(audit, user, 'JMAP', []);
    await reportMailboxAccess(undefined, user, 'JMAP', [
      { action: 'read', objectType: 'Message', ownerId: 'u-1', allowed: true },
    ]);

    expect(audit.mailboxAccesses).toEqual([]);
  });
});

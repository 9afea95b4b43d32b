import { auditedMethods } from '../../../../../lambdas/http/jmap/mail/audited-methods';
import { JmapMethodError } from '../../../../../lambdas/http/jmap/errors';
import type { JmapMethodContext, JmapMethodRegistry } from '../../../../../lambdas/http/jmap/method';
import type { AuthenticatedUser } from '../../../../../lambdas/core/user-auth/types';
import { RecordingAuditEvents } from '../../../../support/recording-audit-events';

const ANA: AuthenticatedUser = {
  organizationId: `m-${'a'.repeat(32)}`,
  userId: 'ana',
  email: 'ana@example.com',
  method: 'password',
  origin: { sourceIp: '192.0.2.1', userAgent: 'Thunderbird' },
};
const context = { principal: ANA } as unknown as JmapMethodContext<AuthenticatedUser>;
const methods: JmapMethodRegistry<AuthenticatedUser> = {
  'Email/get': { capability: 'mail', handle: async () => ({ list: [] }) },
  'Email/set': {
    capability: 'mail',
    handle: async () => ({ destroyed: ['m1'], notDestroyed: { m2: { type: 'forbidden' } } }),
  },
  'Email/import': {
    capability: 'mail',
    handle: async () => ({ created: { k1: { id: 'm9' } }, notCreated: { k2: { type: 'overQuota' } } }),
  },
  'Mailbox/set': {
    capability: 'mail',
    handle: async () => new JmapMethodError('forbidden', 'A read-only impersonation role changes nothing.'),
  },
  'Email/query': { capability: 'mail', handle: async () => new JmapMethodError('unsupportedFilter') },
  'Core/echo': { capability: 'core', handle: async (args) => args },
};

describe('auditedMethods', () => {
  it('reports one read per id Email/get names, in the account it names', async () => {
    const audit = new RecordingAuditEvents();

    await auditedMethods(methods, audit)['Email/get'].handle(
      { accountId: 'shared', ids: ['m1', 'm2'] },
      context,
    );

    expect(
      audit.mailboxAccesses.map((a) => [a.action, a.objectType, a.itemId, a.ownerId, a.allowed]),
    ).toEqual([
      ['read', 'Message', 'm1', 'shared', true],
      ['read', 'Message', 'm2', 'shared', true],
    ]);
    expect(audit.mailboxAccesses[0]).toMatchObject({
      protocol: 'JMAP',
      sourceIp: '192.0.2.1',
      userAgent: 'Thunderbird',
    });
  });

  it('reports an id the call refused as forbidden as not allowed', async () => {
    const audit = new RecordingAuditEvents();

    await auditedMethods(methods, audit)['Email/set'].handle(
      { accountId: 'ana', destroy: ['m1', 'm2'] },
      context,
    );

    expect(audit.mailboxAccesses.map((a) => [a.action, a.itemId, a.allowed])).toEqual([
      ['delete', 'm1', true],
      ['delete', 'm2', false],
    ]);
  });

  it('names a created item by the id it got, and a creation that failed by none', async () => {
    const audit = new RecordingAuditEvents();

    await auditedMethods(methods, audit)['Email/import'].handle(
      { accountId: 'ana', emails: { k1: {}, k2: {} } },
      context,
    );

    expect(audit.mailboxAccesses.map((a) => [a.action, a.itemId, a.allowed])).toEqual([
      ['create', 'm9', true],
      ['create', undefined, true],
    ]);
  });

  it('reports every operation of a call refused as forbidden as not allowed', async () => {
    const audit = new RecordingAuditEvents();

    const result = await auditedMethods(methods, audit)['Mailbox/set'].handle(
      { accountId: 'ana', create: { a: { name: 'Archive' } }, destroy: ['f1'] },
      context,
    );

    expect(result).toBeInstanceOf(JmapMethodError);
    expect(audit.mailboxAccesses.map((a) => [a.action, a.objectType, a.folderId, a.allowed])).toEqual([
      ['create', 'Folder', undefined, false],
      ['delete', 'Folder', 'f1', false],
    ]);
  });

  it('reports nothing for calls refused for other reasons, nor for methods that touch no mailbox data', async () => {
    const audit = new RecordingAuditEvents();
    const audited = auditedMethods(methods, audit);

    await audited['Email/query'].handle({ accountId: 'ana' }, context);
    await audited['Core/echo'].handle({ hello: true }, context);

    expect(audit.mailboxAccesses).toEqual([]);
  });
});

import { DEFAULT_ACCESS_CONTROL_RULE } from '../../../lambdas/core/access-control/rules';
import { issueRoleToken } from '../../../lambdas/core/impersonation/role-tokens';
import {
  IMPERSONATION_TOKEN_LIFETIME_MS,
  type ImpersonationRole,
} from '../../../lambdas/core/impersonation/types';
import { ANA_ID, BEN_PASSWORD, HERE, ORG, T0, basic, signInWorld } from './sign-in-world';

const ROLE: ImpersonationRole = {
  roleId: 'archiver',
  name: 'Archiver',
  type: 'READ_ONLY',
  rules: [{ ruleId: 'ana-only', effect: 'ALLOW', targetUsers: ['ana@example.com'], notTargetUsers: [] }],
  createdAt: T0,
  modifiedAt: T0,
};

async function world(role: ImpersonationRole = ROLE) {
  const w = signInWorld();
  await w.impersonation.writeRole(ORG, role);
  const { token } = await issueRoleToken(w.impersonation, ORG, role.roleId, w.clock.now);
  const as = (login: string, protocol: 'IMAP' | 'JMAP' = 'IMAP', value = token) =>
    w.auth.authenticate(basic(login, value), { sourceAddress: HERE, protocol });
  return { ...w, token, as };
}

describe('UserAuthenticator: impersonation role tokens', () => {
  it('signs an application in as a user the role reaches, marked with the role', async () => {
    const { as } = await world();

    expect(await as('ana@example.com')).toEqual({
      ok: true,
      user: {
        organizationId: ORG,
        userId: ANA_ID,
        email: 'ana@example.com',
        method: 'impersonation',
        impersonation: { roleId: 'archiver', readOnly: true },
        origin: { sourceIp: expect.any(String) },
      },
    });
  });

  it("refuses a user outside the role's rules", async () => {
    const { as } = await world();

    expect(await as('ben@example.com')).toEqual({ ok: false, reason: 'ACCESS_DENIED' });
  });

  it('accepts the token for 15 minutes, then refuses it as expired', async () => {
    const { as, clock } = await world();
    clock.now = T0 + IMPERSONATION_TOKEN_LIFETIME_MS - 1;
    expect((await as('ana@example.com')).ok).toBe(true);

    clock.now = T0 + IMPERSONATION_TOKEN_LIFETIME_MS;

    expect(await as('ana@example.com')).toEqual({ ok: false, reason: 'TOKEN_EXPIRED' });
  });

  it('stops accepting the tokens of a deleted role', async () => {
    const { as, impersonation } = await world();
    await impersonation.deleteRole(ORG, 'archiver');

    expect(await as('ana@example.com')).toEqual({ ok: false, reason: 'INVALID_CREDENTIALS' });
  });

  it('refuses a forged token and a user password given as if it were one', async () => {
    const { as, token } = await world();
    const forged = `${token.slice(0, -4)}AAAA`;

    expect(await as('ana@example.com', 'IMAP', forged)).toEqual({ ok: false, reason: 'INVALID_CREDENTIALS' });
    expect((await as('ben@example.com', 'IMAP', BEN_PASSWORD)).ok).toBe(true);
  });

  it('applies access control rules naming the role', async () => {
    const { as, accessRules } = await world();
    accessRules.push({
      ...DEFAULT_ACCESS_CONTROL_RULE,
      name: 'no-roles-over-jmap',
      effect: 'DENY',
      actions: ['JMAP'],
      impersonationRoleIds: ['archiver'],
    });

    expect(await as('ana@example.com', 'JMAP')).toEqual({ ok: false, reason: 'ACCESS_DENIED' });
    expect((await as('ana@example.com', 'IMAP')).ok).toBe(true);
  });

  it('marks a FULL_ACCESS role as able to change the mailbox', async () => {
    const { as } = await world({ ...ROLE, type: 'FULL_ACCESS' });

    expect(await as('ana@example.com')).toMatchObject({
      ok: true,
      user: { impersonation: { roleId: 'archiver', readOnly: false } },
    });
  });
});

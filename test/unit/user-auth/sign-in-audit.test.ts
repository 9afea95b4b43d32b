import { DEFAULT_ACCESS_CONTROL_RULE } from '../../../lambdas/core/access-control/rules';
import { issueRoleToken } from '../../../lambdas/core/impersonation/role-tokens';
import type { ImpersonationRole } from '../../../lambdas/core/impersonation/types';
import { ANA_ID, ANA_PASSWORD, ELSEWHERE, HERE, ORG, T0, basic, signInWorld } from './sign-in-world';

const ROLE: ImpersonationRole = {
  roleId: 'archiver',
  name: 'Archiver',
  type: 'READ_ONLY',
  rules: [{ ruleId: 'ana-only', effect: 'ALLOW', targetUsers: ['ana@example.com'], notTargetUsers: [] }],
  createdAt: T0,
  modifiedAt: T0,
};

describe('UserAuthenticator: audit events', () => {
  it('reports a successful password sign-in with the login, protocol, source and user agent', async () => {
    const { auth, audit } = signInWorld();

    await auth.authenticate(basic('ANA@example.com', ANA_PASSWORD), {
      sourceAddress: HERE,
      protocol: 'JMAP',
      userAgent: 'curl/8',
    });

    expect(audit.authentications).toEqual([
      {
        organizationId: ORG,
        userId: ANA_ID,
        user: 'ana@example.com',
        protocol: 'JMAP',
        sourceIp: HERE,
        userAgent: 'curl/8',
        successful: true,
      },
    ]);
  });

  it('reports a wrong password with its reason, and an unknown user of a served domain without a user id', async () => {
    const { signIn, audit } = signInWorld();

    await signIn('ana@example.com', 'wrong-password');
    await signIn('nobody@example.com', 'whatever');

    expect(audit.authentications).toEqual([
      expect.objectContaining({ userId: ANA_ID, successful: false, failedReason: 'INVALID_CREDENTIALS' }),
      expect.objectContaining({ organizationId: ORG, user: 'nobody@example.com', successful: false }),
    ]);
    expect(audit.authentications[1]).not.toHaveProperty('userId');
  });

  it('reports nothing for a domain Mailwright does not serve, for a request without credentials, or for the command line', async () => {
    const { auth, signIn, audit } = signInWorld();

    await signIn('someone@elsewhere.example', 'whatever');
    await auth.authenticate(undefined, { sourceAddress: HERE, protocol: 'JMAP' });
    await auth.signInWithPassword('ana@example.com', ANA_PASSWORD, { sourceAddress: HERE, protocol: null });

    expect(audit.authentications).toEqual([]);
    expect(audit.accessControls).toEqual([]);
  });

  it('names the personal access token a sign-in used', async () => {
    const { signIn, anaToken, audit } = signInWorld();
    const { token, metadata } = await anaToken();

    await signIn('ana@example.com', token);

    expect(audit.authentications).toEqual([
      expect.objectContaining({ successful: true, personalAccessTokenId: metadata.tokenId }),
    ]);
  });

  it('reports each access control evaluation: the deciding rule, or none when no rule matched (which denies)', async () => {
    const { signIn, accessRules, audit } = signInWorld();
    accessRules.push({
      ...DEFAULT_ACCESS_CONTROL_RULE,
      name: 'office-only',
      effect: 'DENY',
      actions: ['JMAP'],
      notIpRanges: [`${HERE}/32`],
    });

    const withoutRules = signInWorld();
    withoutRules.accessRules.splice(0, withoutRules.accessRules.length);

    await signIn('ana@example.com', ANA_PASSWORD, ELSEWHERE);
    await withoutRules.signIn('ana@example.com', ANA_PASSWORD);

    expect(audit.accessControls).toEqual([
      {
        organizationId: ORG,
        userId: ANA_ID,
        protocol: 'JMAP',
        sourceIp: ELSEWHERE,
        scope: 'AccessControl',
        ruleId: 'office-only',
        accessGranted: false,
      },
    ]);
    expect(withoutRules.audit.accessControls).toEqual([
      expect.objectContaining({ scope: 'AccessControl', accessGranted: false }),
    ]);
    expect(withoutRules.audit.accessControls[0]).not.toHaveProperty('ruleId');
  });

  it("reports an impersonation sign-in's role rule and access control rule, with the role as impersonator", async () => {
    const w = signInWorld();
    await w.impersonation.writeRole(ORG, ROLE);
    const { token } = await issueRoleToken(w.impersonation, ORG, ROLE.roleId, w.clock.now);

    await w.auth.authenticate(basic('ana@example.com', token), { sourceAddress: HERE, protocol: 'IMAP' });
    await w.auth.authenticate(basic('ben@example.com', token), { sourceAddress: HERE, protocol: 'IMAP' });

    expect(w.audit.accessControls).toEqual([
      expect.objectContaining({
        userId: ANA_ID,
        impersonatorId: 'archiver',
        scope: 'ImpersonationAccessControl',
        ruleId: 'ana-only',
        accessGranted: true,
      }),
      expect.objectContaining({ userId: ANA_ID, impersonatorId: 'archiver', scope: 'AccessControl' }),
      expect.objectContaining({ scope: 'ImpersonationAccessControl', accessGranted: false }),
    ]);
    expect(w.audit.accessControls[2]).not.toHaveProperty('ruleId');
    expect(w.audit.authentications.map((event) => [event.user, event.successful])).toEqual([
      ['ana@example.com', true],
      ['ben@example.com', false],
    ]);
  });

  it('reports the tokens a user creates and revokes, never their value', async () => {
    const { anaToken, service, audit } = signInWorld();
    const { token, metadata } = await anaToken(30);

    await service.revokeOwn(
      { organizationId: ORG, userId: ANA_ID, email: 'ana@example.com', method: 'password' },
      metadata.tokenId,
    );

    expect(audit.tokenChanges).toEqual([
      {
        organizationId: ORG,
        userId: ANA_ID,
        user: 'ana@example.com',
        action: 'create',
        name: 'laptop',
        expiresAt: T0 + 30 * 86_400_000,
        scopes: ['mail', 'calendar'],
      },
      expect.objectContaining({ action: 'delete', name: 'laptop' }),
    ]);
    expect(JSON.stringify(audit.tokenChanges)).not.toContain(token);
  });
});

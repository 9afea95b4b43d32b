import { secretDigest } from '../../../lambdas/core/sso/secrets';
import type { AuthenticationMode, PersonalAccessTokenStatus } from '../../../lambdas/core/sso/types';
import { ANA_ID, ANA_PASSWORD, HERE, ORG, T0, signInWorld } from './sign-in-world';

const APPLICATION = 'arn:aws:sso::123456789012:application/ssoins-1111222233334444/apl-aaaaaaaaaaaaaaaa';

function configured(
  world: ReturnType<typeof signInWorld>,
  authenticationMode: AuthenticationMode,
  status: PersonalAccessTokenStatus = 'ACTIVE',
) {
  world.identityProviders.configurations.set(ORG, {
    organizationId: ORG,
    authenticationMode,
    instanceArn: 'arn:aws:sso:::instance/ssoins-1111222233334444',
    applicationArn: APPLICATION,
    personalAccessTokens: { status },
    updatedAt: T0,
  });
}

describe('UserAuthenticator: the identity provider configuration', () => {
  it('refuses a right password under IDENTITY_PROVIDER_ONLY, and a wrong one as before', async () => {
    const world = signInWorld();
    configured(world, 'IDENTITY_PROVIDER_ONLY');

    const right = await world.signIn('ana@example.com', ANA_PASSWORD);
    const wrong = await world.signIn('ana@example.com', 'Wrong-horse1');

    expect(right).toEqual({ ok: false, reason: 'METHOD_NOT_ALLOWED' });
    expect(wrong).toEqual({ ok: false, reason: 'INVALID_CREDENTIALS' });
  });

  it('stops a password remembered from before the switch to IDENTITY_PROVIDER_ONLY', async () => {
    const world = signInWorld();
    const before = await world.signIn('ana@example.com', ANA_PASSWORD);
    configured(world, 'IDENTITY_PROVIDER_ONLY');

    const after = await world.signIn('ana@example.com', ANA_PASSWORD);

    expect(before.ok).toBe(true);
    expect(after).toEqual({ ok: false, reason: 'METHOD_NOT_ALLOWED' });
  });

  it('keeps passwords under IDENTITY_PROVIDER_AND_DIRECTORY and personal access tokens under both modes', async () => {
    const world = signInWorld();
    const { token } = await world.anaToken();
    configured(world, 'IDENTITY_PROVIDER_AND_DIRECTORY');
    const password = await world.signIn('ana@example.com', ANA_PASSWORD);
    configured(world, 'IDENTITY_PROVIDER_ONLY');

    const withToken = await world.signIn('ana@example.com', token);

    expect(password.ok).toBe(true);
    expect(withToken).toMatchObject({ ok: true, user: { method: 'token' } });
  });

  it('refuses a right token while the organization has personal access tokens INACTIVE', async () => {
    const world = signInWorld();
    const { token } = await world.anaToken();
    configured(world, 'IDENTITY_PROVIDER_AND_DIRECTORY', 'INACTIVE');

    const result = await world.auth.authenticate(`Bearer ${token}`, {
      sourceAddress: HERE,
      protocol: 'IMAP',
    });

    expect(result).toEqual({ ok: false, reason: 'METHOD_NOT_ALLOWED' });
  });
});

describe('UserAuthenticator: single sign-on sessions', () => {
  const COOKIE = 'c'.repeat(43);
  const CSRF = 'x'.repeat(43);
  const context = { sourceAddress: HERE, protocol: 'JMAP' as const };

  function withSession(expiresAt = T0 + 3_600_000) {
    const world = signInWorld();
    configured(world, 'IDENTITY_PROVIDER_ONLY');
    world.sessions.sessions.set(secretDigest(COOKIE), {
      sessionDigest: secretDigest(COOKIE),
      organizationId: ORG,
      userId: ANA_ID,
      csrfToken: CSRF,
      createdAt: T0,
      expiresAt,
    });
    return world;
  }

  it('signs the session user in (method session), even under IDENTITY_PROVIDER_ONLY', async () => {
    const world = withSession();

    const safe = await world.auth.authenticateSession(COOKIE, { unsafe: false }, context);
    const unsafe = await world.auth.authenticateSession(COOKIE, { unsafe: true, csrfToken: CSRF }, context);

    expect(safe).toEqual({
      ok: true,
      user: {
        organizationId: ORG,
        userId: ANA_ID,
        email: 'ana@example.com',
        method: 'session',
        origin: { sourceIp: context.sourceAddress },
      },
    });
    expect(unsafe.ok).toBe(true);
  });

  it('refuses an unsafe request without the CSRF token, or with another', async () => {
    const world = withSession();

    const missing = await world.auth.authenticateSession(COOKIE, { unsafe: true }, context);
    const other = await world.auth.authenticateSession(
      COOKIE,
      { unsafe: true, csrfToken: 'y'.repeat(43) },
      context,
    );

    expect([missing, other]).toEqual([
      { ok: false, reason: 'CSRF_TOKEN_INVALID' },
      { ok: false, reason: 'CSRF_TOKEN_INVALID' },
    ]);
  });

  it('refuses an unknown or expired session, and every session once single sign-on is turned off', async () => {
    const world = withSession(T0 + 1000);

    const unknown = await world.auth.authenticateSession('u'.repeat(43), { unsafe: false }, context);
    world.clock.now = T0 + 1000;
    const expired = await world.auth.authenticateSession(COOKIE, { unsafe: false }, context);
    world.clock.now = T0;
    world.identityProviders.configurations.delete(ORG);
    const turnedOff = await world.auth.authenticateSession(COOKIE, { unsafe: false }, context);

    expect([unknown, expired, turnedOff]).toEqual([
      { ok: false, reason: 'INVALID_CREDENTIALS' },
      { ok: false, reason: 'INVALID_CREDENTIALS' },
      { ok: false, reason: 'INVALID_CREDENTIALS' },
    ]);
  });

  it('refuses the session of a user disabled since, and applies the access control rules', async () => {
    const world = withSession();
    world.accessRules.splice(0, world.accessRules.length, {
      name: 'no-jmap',
      effect: 'DENY',
      description: '',
      actions: ['JMAP'],
      notActions: [],
      ipRanges: [],
      notIpRanges: [],
      userIds: [],
      notUserIds: [],
      impersonationRoleIds: [],
      notImpersonationRoleIds: [],
    });
    const denied = await world.auth.authenticateSession(COOKIE, { unsafe: false }, context);
    world.directory.update(ANA_ID, { state: 'DISABLED' });
    const disabled = await world.auth.authenticateSession(COOKIE, { unsafe: false }, context);

    expect(denied).toEqual({ ok: false, reason: 'ACCESS_DENIED' });
    expect(disabled).toEqual({ ok: false, reason: 'USER_DISABLED' });
  });
});

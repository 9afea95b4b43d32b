import { DEFAULT_ACCESS_CONTROL_RULE } from '../../../lambdas/core/access-control/rules';
import type { AccessControlRule } from '../../../lambdas/core/access-control/types';
import type { Entity, Organization } from '../../../lambdas/core/directory/types';
import { pkceChallenge, secretDigest } from '../../../lambdas/core/sso/secrets';
import { WebSignIn } from '../../../lambdas/core/sso/web-sign-in';
import { AccessControl } from '../../../lambdas/core/access-control/access-control';
import { MemorySignInDirectory } from '../user-auth/doubles';
import { FakeRelyingParty, MemoryIdentityProviderStore, MemoryWebSessionStore } from './doubles';

const ORG = `m-${'b'.repeat(32)}`;
const OTHER = `m-${'c'.repeat(32)}`;
const ANA = '11111111-1111-4111-8111-111111111111';
const APPLICATION = 'arn:aws:sso::123456789012:application/ssoins-1111222233334444/apl-aaaaaaaaaaaaaaaa';
const REDIRECT = 'https://mail.example.com/auth/callback';
const T0 = 1_900_000_000_000;

function world() {
  const clock = { now: T0 };
  const directory = new MemorySignInDirectory();
  directory.organizationsById.set(ORG, { organizationId: ORG, state: 'Active' } as Organization);
  directory.domainOwners.set('acme.awsapps.test', ORG);
  directory.users.set(ANA, {
    organizationId: ORG,
    entityId: ANA,
    kind: 'USER',
    name: 'ana',
    state: 'ENABLED',
    email: 'ana@example.com',
    aliases: [],
    hiddenFromGlobalAddressList: false,
    createdAt: T0,
    role: 'USER',
  } as Entity);
  const identityProviders = new MemoryIdentityProviderStore();
  identityProviders.applications.set(APPLICATION, {
    applicationArn: APPLICATION,
    name: 'webmail',
    instanceArn: 'arn:aws:sso:::instance/ssoins-1111222233334444',
    createdAt: T0,
    organizationCount: 1,
    issuer: { issuer: 'https://idp.example.com', clientId: 'web' },
  });
  identityProviders.configurations.set(ORG, {
    organizationId: ORG,
    authenticationMode: 'IDENTITY_PROVIDER_ONLY',
    instanceArn: 'arn:aws:sso:::instance/ssoins-1111222233334444',
    applicationArn: APPLICATION,
    personalAccessTokens: { status: 'ACTIVE' },
    updatedAt: T0,
  });
  const sessions = new MemoryWebSessionStore();
  const relyingParty = new FakeRelyingParty();
  const rules: AccessControlRule[] = [DEFAULT_ACCESS_CONTROL_RULE];
  const accessControl = new AccessControl(
    { list: async () => rules.map((rule) => ({ ...rule, createdAt: T0, modifiedAt: T0 })) },
    () => clock.now,
  );
  const signIn = new WebSignIn(
    {
      ...directory,
      identityProviders,
      sessions,
      relyingParty,
      accessControl,
      testDomainSuffix: 'awsapps.test',
    },
    { now: () => clock.now },
  );
  const begin = async () => {
    const start = await signIn.begin('acme', REDIRECT, '/mail');
    if (!start.ok) throw new Error(start.reason);
    return start;
  };
  const complete = (state: string | undefined, loginCookie: string | undefined) =>
    signIn.complete({
      url: `${REDIRECT}?code=c&state=${state}`,
      state,
      loginCookie,
      sourceAddress: '192.0.2.1',
    });
  return { clock, directory, identityProviders, sessions, relyingParty, rules, signIn, begin, complete };
}

describe('WebSignIn', () => {
  it('begins at the issuer with state, nonce and an S256 challenge, keeping only their pending login', async () => {
    const w = world();

    const start = await w.begin();
    const [request] = w.relyingParty.requests;
    const pending = [...w.sessions.logins.values()][0]!;

    expect(start.redirectUrl).toBe(`https://idp.example.com/authorize?state=${start.loginCookie}`);
    expect(request).toMatchObject({ redirectUri: REDIRECT, state: start.loginCookie });
    expect(pending).toMatchObject({
      stateDigest: secretDigest(start.loginCookie),
      organizationId: ORG,
      nonce: request!.nonce,
      returnTo: '/mail',
      expiresAt: T0 + 600_000,
    });
    expect(request!.codeChallenge).toBe(pkceChallenge(pending.codeVerifier));
    expect(new Set([request!.state, request!.nonce, pending.codeVerifier]).size).toBe(3);
  });

  it('finds the organization by id and by mail domain too, and is not available without an organization, configuration or issuer', async () => {
    const w = world();
    w.directory.domainOwners.set('acme.example.com', ORG);
    const byId = await w.signIn.begin(ORG, REDIRECT, '/');
    const byDomain = await w.signIn.begin('Acme.Example.com', REDIRECT, '/');
    const unknownDomain = await w.signIn.begin('nobody.example.com', REDIRECT, '/');
    const unknown = await w.signIn.begin('nobody', REDIRECT, '/');
    const malformed = await w.signIn.begin('../etc', REDIRECT, '/');
    w.identityProviders.applications.set(APPLICATION, {
      ...w.identityProviders.applications.get(APPLICATION)!,
      issuer: undefined,
    });
    const noIssuer = await w.signIn.begin('acme', REDIRECT, '/');
    w.identityProviders.configurations.delete(ORG);
    const noConfiguration = await w.signIn.begin('acme', REDIRECT, '/');

    expect(byId.ok).toBe(true);
    expect(byDomain.ok).toBe(true);
    for (const outcome of [unknown, unknownDomain, malformed, noIssuer, noConfiguration])
      expect(outcome).toEqual({ ok: false, reason: 'NOT_AVAILABLE' });
  });

  it('completes with a session stored under the digest of its cookie, redeeming with the pending values', async () => {
    const w = world();
    const start = await w.begin();
    const pending = [...w.sessions.logins.values()][0]!;

    const result = await w.complete(start.loginCookie, start.loginCookie);

    if (!result.ok) throw new Error(result.reason);
    expect(w.relyingParty.redemptions[0]!.expected).toEqual({
      state: start.loginCookie,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
    });
    expect(result.returnTo).toBe('/mail');
    expect(w.sessions.sessions.get(secretDigest(result.sessionCookie))).toEqual(result.session);
    expect(result.session).toMatchObject({ organizationId: ORG, userId: ANA, expiresAt: T0 + 3_600_000 });
    expect(JSON.stringify([...w.sessions.sessions])).not.toContain(result.sessionCookie);
    expect(w.sessions.logins.size).toBe(0);
  });

  it('refuses a state that is not the login cookie, a spent or expired login, and never redeems them', async () => {
    const w = world();
    const start = await w.begin();
    const other = await w.begin();

    const noCookie = await w.complete(start.loginCookie, undefined);
    const noState = await w.complete(undefined, start.loginCookie);
    const swapped = await w.complete(start.loginCookie, other.loginCookie);
    await w.complete(start.loginCookie, start.loginCookie);
    const spent = await w.complete(start.loginCookie, start.loginCookie);
    w.clock.now = T0 + 600_000;
    const expired = await w.complete(other.loginCookie, other.loginCookie);

    for (const outcome of [noCookie, noState, swapped, spent, expired])
      expect(outcome).toEqual({ ok: false, reason: 'LOGIN_EXPIRED' });
    expect(w.relyingParty.redemptions).toHaveLength(1);
  });

  it("passes the issuer's refusal on, and refuses once the configuration is gone", async () => {
    const w = world();
    const first = await w.begin();
    const second = await w.begin();
    w.relyingParty.next = { ok: false, reason: 'TOKEN_REJECTED' };

    const rejected = await w.complete(first.loginCookie, first.loginCookie);
    w.identityProviders.configurations.delete(ORG);
    const gone = await w.complete(second.loginCookie, second.loginCookie);

    expect(rejected).toEqual({ ok: false, reason: 'TOKEN_REJECTED' });
    expect(gone).toEqual({ ok: false, reason: 'NOT_AVAILABLE' });
  });

  it('refuses an identity of nobody here, a disabled user, and a user the access control rules deny WebMail', async () => {
    const w = world();
    const logins = [await w.begin(), await w.begin(), await w.begin()];
    w.relyingParty.next = {
      ok: true,
      identity: { subject: 's', email: 'zoe@example.com', emailVerified: true },
    };
    const nobody = await w.complete(logins[0]!.loginCookie, logins[0]!.loginCookie);
    w.relyingParty.next = {
      ok: true,
      identity: { subject: 's', email: 'ana@example.com', emailVerified: true },
    };
    w.rules.splice(0, 1, {
      ...DEFAULT_ACCESS_CONTROL_RULE,
      name: 'no-web',
      effect: 'DENY',
      actions: ['WebMail'],
    });
    const denied = await w.complete(logins[1]!.loginCookie, logins[1]!.loginCookie);
    w.directory.update(ANA, { state: 'DISABLED' });
    const disabled = await w.complete(logins[2]!.loginCookie, logins[2]!.loginCookie);

    expect([nobody, denied, disabled]).toEqual([
      { ok: false, reason: 'USER_NOT_FOUND' },
      { ok: false, reason: 'ACCESS_DENIED' },
      { ok: false, reason: 'USER_DISABLED' },
    ]);
    expect(w.sessions.sessions.size).toBe(0);
  });

  it("never signs in to another organization's user", async () => {
    const w = world();
    w.directory.organizationsById.set(OTHER, { organizationId: OTHER, state: 'Active' } as Organization);
    w.directory.users.set('zed', {
      ...w.directory.users.get(ANA)!,
      organizationId: OTHER,
      entityId: 'zed',
      name: 'zed',
      email: 'zed@other.example',
    });
    const start = await w.begin();
    w.relyingParty.next = {
      ok: true,
      identity: { subject: 's', email: 'zed@other.example', emailVerified: true, preferredUsername: 'zed' },
    };

    const result = await w.complete(start.loginCookie, start.loginCookie);

    expect(result).toEqual({ ok: false, reason: 'USER_NOT_FOUND' });
  });

  it('reads a session while it lasts, and signs out only with its CSRF token', async () => {
    const w = world();
    const start = await w.begin();
    const result = await w.complete(start.loginCookie, start.loginCookie);
    if (!result.ok) throw new Error(result.reason);

    const read = await w.signIn.session(result.sessionCookie);
    const forged = await w.signIn.signOut(result.sessionCookie, 'wrong');
    const ended = await w.signIn.signOut(result.sessionCookie, result.session.csrfToken);
    const afterward = await w.signIn.session(result.sessionCookie);

    expect(read).toEqual(result.session);
    expect([forged, ended]).toEqual([false, true]);
    expect(afterward).toBeUndefined();
  });

  it('forgets an expired session', async () => {
    const w = world();
    const start = await w.begin();
    const result = await w.complete(start.loginCookie, start.loginCookie);
    if (!result.ok) throw new Error(result.reason);
    w.clock.now = result.session.expiresAt;

    expect(await w.signIn.session(result.sessionCookie)).toBeUndefined();
  });
});

import type { AdminAuditEvent } from '../../../lambdas/core/admin-audit/types';
import { AdminKeys } from '../../../lambdas/core/auth/admin-keys';
import { ADMIN_LOGIN_MARK, AdminSignIn } from '../../../lambdas/core/sso/admin-sign-in';
import type { AdminSignInSettings } from '../../../lambdas/core/sso/admin-grants';
import { pkceChallenge, secretDigest } from '../../../lambdas/core/sso/secrets';
import { MemoryAdminKeyStore, TestKeyWrapper } from '../auth/doubles';
import { FakeRelyingParty, MemoryAdminSessionStore, MemoryWebSessionStore } from './doubles';

const ORG_A = `m-${'a'.repeat(32)}`;
const REDIRECT = 'https://mail.example.com/admin/auth/callback';
const T0 = 1_900_000_000_000;
const settings: AdminSignInSettings = {
  issuer: { issuer: 'https://idp.example.com', clientId: 'console' },
  grants: [{ group: 'acme-admins', organizations: [ORG_A] }],
  keyLifetimeMinutes: 30,
};

function world() {
  const clock = { now: T0 };
  const relyingParty = new FakeRelyingParty();
  relyingParty.next = {
    ok: true,
    identity: {
      subject: 'idp-root',
      email: 'root@example.com',
      emailVerified: true,
      claims: { groups: ['acme-admins'] },
    },
  };
  const pendingLogins = new MemoryWebSessionStore();
  const sessions = new MemoryAdminSessionStore();
  const keyStore = new MemoryAdminKeyStore();
  const keys = new AdminKeys(keyStore, new TestKeyWrapper(), { now: () => clock.now });
  const audit: AdminAuditEvent[] = [];
  const signIn = new AdminSignIn({
    settings,
    relyingParty,
    pendingLogins,
    sessions,
    keys,
    audit: { record: async (event) => void audit.push(event) },
    requestId: () => `request-${audit.length}`,
    now: () => clock.now,
  });
  const signedIn = async () => {
    const start = await signIn.begin(REDIRECT);
    const result = await signIn.complete({
      url: `${REDIRECT}?code=c&state=${start.loginCookie}`,
      state: start.loginCookie,
      loginCookie: start.loginCookie,
      sourceAddress: '192.0.2.7',
    });
    if (!result.ok) throw new Error(result.reason);
    return result;
  };
  return { clock, relyingParty, pendingLogins, sessions, keyStore, keys, audit, signIn, signedIn };
}

describe('AdminSignIn', () => {
  it('sends the browser to the issuer with state, nonce and a PKCE challenge, marked as an admin login', async () => {
    const { signIn, relyingParty, pendingLogins } = world();

    const start = await signIn.begin(REDIRECT);

    const pending = pendingLogins.logins.get(secretDigest(start.loginCookie))!;
    expect(pending).toMatchObject({
      organizationId: ADMIN_LOGIN_MARK,
      returnTo: '/admin',
      expiresAt: T0 + 600_000,
    });
    expect(relyingParty.requests).toEqual([
      {
        redirectUri: REDIRECT,
        state: start.loginCookie,
        nonce: pending.nonce,
        codeChallenge: pkceChallenge(pending.codeVerifier),
      },
    ]);
  });

  it('mints a key scoped by the groups claim that expires after the key lifetime, and audits the sign-in', async () => {
    const { signedIn, keyStore, audit } = world();

    const { session } = await signedIn();

    const key = keyStore.keys.get(session.accessKeyId)!;
    expect(key).toMatchObject({ organizations: [ORG_A], expiresAt: T0 + 30 * 60_000, state: 'ACTIVE' });
    expect(key.description).toBe('single sign-on: root@example.com');
    expect(session).toMatchObject({
      username: 'root@example.com',
      keyDelivered: false,
      expiresAt: T0 + 1_800_000,
    });
    expect(audit).toEqual([
      {
        time: T0,
        requestId: 'request-0',
        accessKeyId: session.accessKeyId,
        action: 'MailwrightService.AdminSignIn',
        resources: { UserName: 'root@example.com' },
        sourceIp: '192.0.2.7',
        outcome: 'Success',
      },
    ]);
  });

  it('refuses an identity in no granted group, minting nothing', async () => {
    const { signIn, relyingParty, keyStore } = world();
    relyingParty.next = {
      ok: true,
      identity: { subject: 'idp-ana', emailVerified: false, claims: { groups: ['staff'] } },
    };
    const start = await signIn.begin(REDIRECT);

    const result = await signIn.complete({
      url: REDIRECT,
      state: start.loginCookie,
      loginCookie: start.loginCookie,
      sourceAddress: '192.0.2.7',
    });

    expect(result).toEqual({ ok: false, reason: 'NOT_AUTHORIZED' });
    expect(keyStore.keys.size).toBe(0);
  });

  it("refuses a user's pending login, another browser's state, and the issuer's refusal", async () => {
    const { signIn, pendingLogins, relyingParty } = world();
    await pendingLogins.putPendingLogin({
      stateDigest: secretDigest('user-state'),
      organizationId: ORG_A,
      nonce: 'n',
      codeVerifier: 'v',
      returnTo: '/',
      expiresAt: T0 + 600_000,
    });
    const callback = (state: string, loginCookie: string) =>
      signIn.complete({ url: REDIRECT, state, loginCookie, sourceAddress: '192.0.2.7' });

    const userLogin = await callback('user-state', 'user-state');
    const start = await signIn.begin(REDIRECT);
    const otherBrowser = await callback(start.loginCookie, 'another-cookie');
    relyingParty.next = { ok: false, reason: 'TOKEN_REJECTED' };
    const rejected = await callback(start.loginCookie, start.loginCookie);

    expect(userLogin).toEqual({ ok: false, reason: 'LOGIN_EXPIRED' });
    expect(otherBrowser).toEqual({ ok: false, reason: 'LOGIN_EXPIRED' });
    expect(rejected).toEqual({ ok: false, reason: 'TOKEN_REJECTED' });
  });

  it('hands the key out once, with the CSRF token only', async () => {
    const { signIn, signedIn } = world();
    const { sessionCookie, session } = await signedIn();

    const withoutToken = await signIn.deliverKey(sessionCookie, undefined);
    const first = await signIn.deliverKey(sessionCookie, session.csrfToken);
    const second = await signIn.deliverKey(sessionCookie, session.csrfToken);

    expect(withoutToken).toBeUndefined();
    expect(first).toMatchObject({
      accessKeyId: session.accessKeyId,
      organizations: [ORG_A],
      expiresAt: session.expiresAt,
    });
    expect(first?.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(second).toBeUndefined();
  });

  it('names the admin by preferred username, else subject, when the e-mail is not verified', async () => {
    const { signedIn, relyingParty } = world();
    const identity = {
      subject: 'idp-root',
      email: 'root@example.com',
      emailVerified: false,
      claims: { groups: ['acme-admins'] },
    };
    relyingParty.next = { ok: true, identity: { ...identity, preferredUsername: 'root' } };
    const byName = await signedIn();
    relyingParty.next = { ok: true, identity };
    const bySubject = await signedIn();

    expect([byName.session.username, bySubject.session.username]).toEqual(['root', 'idp-root']);
  });

  it('hands out nothing once the key was revoked', async () => {
    const { signIn, signedIn, keys } = world();
    const { sessionCookie, session } = await signedIn();
    await keys.revoke(session.accessKeyId);

    await expect(signIn.deliverKey(sessionCookie, session.csrfToken)).resolves.toBeUndefined();
  });

  it('ends with the key: no session once it expired', async () => {
    const { signIn, signedIn, clock, keys } = world();
    const { sessionCookie, session } = await signedIn();

    clock.now = session.expiresAt;

    await expect(signIn.session(sessionCookie)).resolves.toBeUndefined();
    await expect(keys.resolve(session.accessKeyId)).resolves.toBeUndefined();
  });

  it('signs out with the CSRF token: the key is revoked, the session gone, the sign-out audited', async () => {
    const { signIn, signedIn, keys, audit } = world();
    const { sessionCookie, session } = await signedIn();

    const forged = await signIn.signOut(sessionCookie, 'wrong', '192.0.2.7');
    const signedOut = await signIn.signOut(sessionCookie, session.csrfToken, '192.0.2.7');

    expect([forged, signedOut]).toEqual([false, true]);
    await expect(keys.resolve(session.accessKeyId)).resolves.toBeUndefined();
    await expect(signIn.session(sessionCookie)).resolves.toBeUndefined();
    expect(audit.map((event) => event.action)).toEqual([
      'MailwrightService.AdminSignIn',
      'MailwrightService.AdminSignOut',
    ]);
  });
});

import {
  CreateOrganizationCommand,
  DeleteIdentityProviderConfigurationCommand,
  PutIdentityProviderConfigurationCommand,
} from '@aws-sdk/client-workmail';
import { createTransport } from 'nodemailer';
import { davCaller } from '../support/dav-client';
import { ImapDialog } from '../support/imap-dialog';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { useIssuerForSignIn } from '../support/organization-sign-in';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { startTestIssuer, type TestIssuer } from '../support/oidc-issuer';
import { RedirectBrowser, type BrowserPage } from '../support/redirect-browser';

const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-5555666677778888';
const SESSION_COOKIE = '__Host-mw-session';
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: Error) => error.message,
  );

describe('E2E: single sign-on through a real OpenID provider, and IDENTITY_PROVIDER_ONLY on every protocol', () => {
  let mw: TestRuntime;
  let issuer: TestIssuer;
  let alias: string;
  let organizationId: string;
  let ana: { userId: string; email: string; token: string };
  let benOfOther: { email: string };

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    alias = `sso-${Date.now()}`;
    organizationId = (await workmail.send(new CreateOrganizationCommand({ Alias: alias }))).OrganizationId!;
    const otherId = (await workmail.send(new CreateOrganizationCommand({ Alias: `${alias}-other` })))
      .OrganizationId!;
    const domain = (name: string) => `${name}.${mw.settings.testDomainSuffix}`;
    ana = await jmapUser(mw, organizationId, 'ana', `ana@${domain(alias)}`);
    benOfOther = await jmapUser(mw, otherId, 'ben', `ben@${domain(`${alias}-other`)}`);
    issuer = await startTestIssuer(`${mw.endpoint}/auth/callback`, {
      ana: { email: ana.email, emailVerified: true },
      'ana-by-name': { email: 'someone@elsewhere.example', emailVerified: true, preferredUsername: 'ana' },
      'unverified-ana': { email: ana.email, emailVerified: false },
      'ben-of-other': { email: benOfOther.email, emailVerified: true, preferredUsername: 'ben' },
    });
    await useIssuerForSignIn(mw, organizationId, issuer, 'IDENTITY_PROVIDER_AND_DIRECTORY', INSTANCE_ARN);
  });
  afterAll(async () => {
    await issuer?.stop();
    await mw?.stop();
  });

  const isCallback = (url: string) => url.startsWith(`${mw.endpoint}/auth/callback`);
  /** Signs in at the issuer as `login`, stopping before the browser goes back to Mailwright. */
  const signInAtIssuer = async (
    browser: RedirectBrowser,
    login: string,
    tamper: (authorizationUrl: URL) => void = () => {},
  ): Promise<BrowserPage> => {
    const start = await browser.fetch(`${mw.endpoint}/auth/${alias}/login?returnTo=/mail/inbox`);
    const authorizationUrl = new URL(start.headers.get('location')!);
    tamper(authorizationUrl);
    const form = await browser.open(authorizationUrl.toString());
    const consent = await browser.submitForm(form, { login, password: 'any' }, isCallback);
    return consent.status === 0 ? consent : browser.submitForm(consent, {}, isCallback);
  };
  const signIn = async (login: string, tamper?: (authorizationUrl: URL) => void) => {
    const browser = new RedirectBrowser();
    const atCallback = await signInAtIssuer(browser, login, tamper);
    const response = await browser.fetch(atCallback.url);
    return { browser, response, body: await response.text() };
  };
  const jmapSession = (browser: RedirectBrowser) => browser.fetch(`${mw.endpoint}/.well-known/jmap`);
  const mailboxGet = (browser: RedirectBrowser, csrfToken?: string) =>
    browser.fetch(`${mw.endpoint}/jmap/api/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
      body: JSON.stringify({
        using: ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail'],
        methodCalls: [['Mailbox/get', { accountId: ana.userId, properties: ['name'] }, 'a']],
      }),
    });

  it('signs a user in with authorization code + PKCE and gives a session cookie that works for JMAP', async () => {
    const { browser, response } = await signIn('ana');
    const setCookie = response.headers.getSetCookie().join('\n');
    const cookie = browser.cookie(mw.endpoint, SESSION_COOKIE)!;

    const session = (await (await jmapSession(browser)).json()) as { username: string };
    const described = (await (await browser.fetch(`${mw.endpoint}/auth/session`)).json()) as {
      csrfToken: string;
    };
    const withCsrf = await mailboxGet(browser, described.csrfToken);
    const withoutCsrf = await mailboxGet(browser);

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/mail/inbox');
    expect(setCookie).toMatch(
      /__Host-mw-session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=3600; HttpOnly; Secure; SameSite=Strict/,
    );
    expect(cookie).toHaveLength(43);
    expect(session.username).toBe(ana.email);
    expect(described).toMatchObject({ signedIn: true, username: ana.email });
    expect(withCsrf.status).toBe(200);
    expect(JSON.stringify(await withCsrf.json())).toContain('Inbox');
    expect(withoutCsrf.status).toBe(403);
  });

  it('matches by preferred_username when the e-mail names nobody here, and never trusts an unverified e-mail', async () => {
    const byName = await signIn('ana-by-name');
    const unverified = await signIn('unverified-ana');

    expect(byName.response.status).toBe(302);
    expect(unverified.response.status).toBe(403);
    expect(unverified.body).toContain(
      'No mailbox of this organization belongs to the account you signed in with.',
    );
  });

  it('refuses a user of another organization without naming it', async () => {
    const { response, body, browser } = await signIn('ben-of-other');

    expect(response.status).toBe(403);
    expect(body).toContain('No mailbox of this organization belongs to the account you signed in with.');
    expect(body).not.toContain(`${alias}-other`);
    expect(body).not.toContain(benOfOther.email);
    expect(browser.cookie(mw.endpoint, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a callback whose state is not the one this browser started, and a state used twice', async () => {
    const browser = new RedirectBrowser();
    const atCallback = new URL((await signInAtIssuer(browser, 'ana')).url);
    const forged = new URL(atCallback);
    forged.searchParams.set('state', 'forged-state-value');

    const wrongState = await browser.fetch(forged.toString());
    const otherBrowser = await new RedirectBrowser().fetch(atCallback.toString());
    const first = await browser.fetch(atCallback.toString());
    const replayed = await browser.fetch(atCallback.toString());

    expect(wrongState.status).toBe(400);
    expect(otherBrowser.status).toBe(400);
    expect(first.status).toBe(302);
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toContain('This sign-in has expired or was started in another browser.');
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const { response, body } = await signIn('ana', (url) => url.searchParams.set('nonce', 'another-nonce'));

    expect(response.status).toBe(400);
    expect(body).toContain("Your identity provider's answer could not be verified.");
  });

  it('shows the same page for an unknown organization and one without single sign-on', async () => {
    const unknown = await fetch(`${mw.endpoint}/auth/no-such-org-${Date.now()}/login`, {
      redirect: 'manual',
    });
    const otherAlias = await fetch(`${mw.endpoint}/auth/${alias}-other/login`, { redirect: 'manual' });

    expect([unknown.status, otherAlias.status]).toEqual([404, 404]);
    expect(await unknown.text()).toBe(await otherAlias.text());
  });

  it('ends a session on logout (with its CSRF token only), and when single sign-on is turned off', async () => {
    const first = await signIn('ana');
    const { csrfToken } = (await (await first.browser.fetch(`${mw.endpoint}/auth/session`)).json()) as {
      csrfToken: string;
    };
    const forgedLogout = await first.browser.fetch(`${mw.endpoint}/auth/logout`, { method: 'POST' });
    const stillIn = (await jmapSession(first.browser)).status;
    const logout = await first.browser.fetch(`${mw.endpoint}/auth/logout`, {
      method: 'POST',
      headers: { 'x-csrf-token': csrfToken },
    });
    const loggedOut = (await jmapSession(first.browser)).status;

    const second = await signIn('ana');
    await mw
      .workmail()
      .send(new DeleteIdentityProviderConfigurationCommand({ OrganizationId: organizationId }));
    const afterDelete = (await jmapSession(second.browser)).status;
    await restoreConfiguration('IDENTITY_PROVIDER_AND_DIRECTORY');

    expect([forgedLogout.status, stillIn, logout.status, loggedOut, afterDelete]).toEqual([
      403, 200, 204, 401, 401,
    ]);
    expect(logout.headers.getSetCookie().join('')).toMatch(/__Host-mw-session=; Path=\/; Max-Age=0/);
  });

  it('under IDENTITY_PROVIDER_ONLY refuses directory passwords on IMAP, SMTP, JMAP and CalDAV, and keeps tokens working', async () => {
    await restoreConfiguration('IDENTITY_PROVIDER_ONLY');
    const basic = (secret: string) => `Basic ${Buffer.from(`${ana.email}:${secret}`).toString('base64')}`;

    const imap = await ImapDialog.open(mw.imap.host, mw.imap.port);
    const imapPassword = await failure(imap.command(`LOGIN "${ana.email}" "${JMAP_USER_PASSWORD}"`));
    const imapToken = await failure(imap.command(`LOGIN "${ana.email}" "${ana.token}"`));
    await imap.close();
    const smtp = (pass: string) => {
      const transport = createTransport({
        host: mw.submission.host,
        port: mw.submission.port,
        secure: false,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
        auth: { user: ana.email, pass },
      });
      return failure(transport.verify()).finally(() => transport.close());
    };
    const jmap = async (secret: string) =>
      (await fetch(`${mw.endpoint}/.well-known/jmap`, { headers: { authorization: basic(secret) } })).status;
    const dav = async (secret: string) =>
      (await davCaller(mw.endpoint, ana.email, secret)('PROPFIND', '/dav/', { headers: { depth: '0' } }))
        .status;
    const outcomes = {
      smtpPassword: await smtp(JMAP_USER_PASSWORD),
      smtpToken: await smtp(ana.token),
      jmapPassword: await jmap(JMAP_USER_PASSWORD),
      jmapToken: await jmap(ana.token),
      davPassword: await dav(JMAP_USER_PASSWORD),
      davToken: await dav(ana.token),
    };
    const sso = await signIn('ana');
    await restoreConfiguration('IDENTITY_PROVIDER_AND_DIRECTORY');
    const jmapPasswordAgain = await jmap(JMAP_USER_PASSWORD);

    expect(imapPassword).toMatch(/AUTHORIZATIONFAILED.*single sign-on: use a personal access token/);
    expect(imapToken).toBe('succeeded');
    expect(outcomes).toEqual({
      smtpPassword: expect.stringMatching(/535 5\.7\.8/),
      smtpToken: 'succeeded',
      jmapPassword: 403,
      jmapToken: 200,
      davPassword: 401,
      davToken: 207,
    });
    expect(sso.response.status).toBe(302);
    expect(jmapPasswordAgain).toBe(200);
  });

  it('refuses personal access tokens while the organization has them INACTIVE', async () => {
    await restoreConfiguration('IDENTITY_PROVIDER_AND_DIRECTORY', 'INACTIVE');
    const imap = await ImapDialog.open(mw.imap.host, mw.imap.port);
    const withToken = await failure(imap.command(`LOGIN "${ana.email}" "${ana.token}"`));
    await imap.close();
    await restoreConfiguration('IDENTITY_PROVIDER_AND_DIRECTORY');

    expect(withToken).toMatch(/NO/);
  });

  async function restoreConfiguration(
    AuthenticationMode: 'IDENTITY_PROVIDER_ONLY' | 'IDENTITY_PROVIDER_AND_DIRECTORY',
    Status: 'ACTIVE' | 'INACTIVE' = 'ACTIVE',
  ): Promise<void> {
    const applications = await mw.call({
      target: 'WorkMailService.CreateIdentityCenterApplication',
      body: { Name: 'restore', InstanceArn: INSTANCE_ARN, ClientToken: 'restore-application' },
    });
    const ApplicationArn = applications.json.ApplicationArn as string;
    await mw.call({
      target: 'MailwrightService.PutIdentityCenterApplicationIssuer',
      body: {
        ApplicationArn,
        Issuer: issuer.issuer,
        ClientId: issuer.clientId,
        ClientSecret: issuer.clientSecret,
      },
    });
    await mw.workmail().send(
      new PutIdentityProviderConfigurationCommand({
        OrganizationId: organizationId,
        AuthenticationMode,
        IdentityCenterConfiguration: { InstanceArn: INSTANCE_ARN, ApplicationArn },
        PersonalAccessTokenConfiguration: { Status },
      }),
    );
  }
});

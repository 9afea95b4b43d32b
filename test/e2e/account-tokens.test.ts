import { CreateOrganizationCommand, RegisterMailDomainCommand } from '@aws-sdk/client-workmail';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

describe('E2E: users manage their own personal access tokens at /account/tokens', () => {
  let mw: TestRuntime;
  const basic = (login: string, secret: string) =>
    `Basic ${Buffer.from(`${login}:${secret}`).toString('base64')}`;
  const ANA = 'ana@tokens.example.com';
  const CARL = 'carl@tokensother.example.com';

  const request = (method: string, path: string, authorization: string, body?: unknown) =>
    fetch(`${mw.endpoint}${path}`, {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    for (const [alias, domain, name, email] of [
      ['tokens', 'tokens.example.com', 'ana', ANA],
      ['tokensother', 'tokensother.example.com', 'carl', CARL],
    ] as const) {
      const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: alias }));
      await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: domain }));
      await jmapUser(mw, OrganizationId!, name, email);
    }
  }, 60_000);

  afterAll(async () => {
    await mw?.stop();
  });

  it('creates a token with the password, shows its value once, and the token opens JMAP', async () => {
    const created = await request('POST', '/account/tokens', basic(ANA, JMAP_USER_PASSWORD), {
      name: 'phone',
      lifetimeInDays: 30,
    });
    const body = (await created.json()) as { token: string; tokenId: string; name: string; scopes: string[] };

    expect(created.status).toBe(201);
    expect(body).toMatchObject({ name: 'phone', scopes: ['mail'] });
    expect(body.token).toMatch(/^mwpat_/);
    const session = await fetch(`${mw.endpoint}/.well-known/jmap`, {
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(session.status).toBe(200);
    const listed = (await (
      await request('GET', '/account/tokens', basic(ANA, JMAP_USER_PASSWORD))
    ).json()) as {
      tokens: Record<string, unknown>[];
    };
    expect(listed.tokens.map((token) => token.name)).toContain('phone');
    expect(JSON.stringify(listed)).not.toContain(body.token);
  });

  it('refuses to mint a token with a token, a wrong password, or a bad body', async () => {
    const created = (await (
      await request('POST', '/account/tokens', basic(ANA, JMAP_USER_PASSWORD), { name: 'laptop' })
    ).json()) as { token: string };

    const withToken = await request('POST', '/account/tokens', `Bearer ${created.token}`, { name: 'wider' });
    const wrong = await request('POST', '/account/tokens', basic(ANA, 'not-the-password'), { name: 'x' });
    const bad = await request('POST', '/account/tokens', basic(ANA, JMAP_USER_PASSWORD), { scopes: 'mail' });

    expect(withToken.status).toBe(403);
    expect(await withToken.json()).toMatchObject({ type: 'PASSWORD_REQUIRED' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(bad.status).toBe(400);
    expect((await request('PUT', '/account/tokens', basic(ANA, JMAP_USER_PASSWORD))).status).toBe(405);
  });

  it("revokes one's own token, and answers another organization's user as if it did not exist", async () => {
    const created = (await (
      await request('POST', '/account/tokens', basic(ANA, JMAP_USER_PASSWORD), { name: 'tablet' })
    ).json()) as { token: string; tokenId: string };

    const byCarl = await request(
      'DELETE',
      `/account/tokens/${created.tokenId}`,
      basic(CARL, JMAP_USER_PASSWORD),
    );
    expect(byCarl.status).toBe(404);
    const byAna = await request(
      'DELETE',
      `/account/tokens/${created.tokenId}`,
      basic(ANA, JMAP_USER_PASSWORD),
    );
    expect(byAna.status).toBe(204);
    const session = await fetch(`${mw.endpoint}/.well-known/jmap`, {
      headers: { authorization: `Bearer ${created.token}` },
    });
    expect(session.status).toBe(401);
    const carls = (await (
      await request('GET', '/account/tokens', basic(CARL, JMAP_USER_PASSWORD))
    ).json()) as {
      tokens: unknown[];
    };
    expect(carls.tokens).toEqual([expect.objectContaining({ name: 'jmap' })]);
  });
});

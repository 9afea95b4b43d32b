import type { AuthenticatedUser } from '../../../lambdas/core/user-auth/types';
import { ANA_ID, BEN_ID, HERE, ORG, T0, signInWorld } from './sign-in-world';

const DAY = 86_400_000;
const ana: AuthenticatedUser = {
  organizationId: ORG,
  userId: ANA_ID,
  email: 'ana@example.com',
  method: 'password',
};
const ben: AuthenticatedUser = {
  organizationId: ORG,
  userId: BEN_ID,
  email: 'ben@example.com',
  method: 'password',
};

describe('PersonalAccessTokens', () => {
  it('returns the value once and stores only its digest', async () => {
    const { service, tokens } = signInWorld();

    const created = await service.create(ana, { name: 'laptop', scopes: ['mail'] });

    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const stored = tokens.tokens.get(created.metadata.tokenId)!;
    expect(created.token).toMatch(new RegExp(`^mwpat_${created.metadata.tokenId}_`));
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(39));
    expect(stored).toMatchObject({ organizationId: ORG, userId: ANA_ID, name: 'laptop', scopes: ['mail'] });
    expect(created.metadata).not.toHaveProperty('tokenHash');
  });

  it('creates a token that signs in', async () => {
    const { service, auth } = signInWorld();
    const created = await service.create(ana, { name: 'phone', scopes: ['mail'] });

    const result = await auth.authenticate(`Bearer ${created.ok ? created.token : ''}`, {
      sourceAddress: HERE,
      protocol: 'JMAP',
    });

    expect(result).toMatchObject({ ok: true, user: { userId: ANA_ID, method: 'token' } });
  });

  it('expires after 365 days by default, or after LifetimeInDays', async () => {
    const { service } = signInWorld();

    const byDefault = await service.create(ana, { name: 'a', scopes: ['s'] });
    const oneDay = await service.create(ana, { name: 'b', scopes: ['s'], lifetimeInDays: 1 });
    const tenYears = await service.create(ana, { name: 'c', scopes: ['s'], lifetimeInDays: 3653 });

    expect(byDefault).toMatchObject({ metadata: { createdAt: T0, expiresAt: T0 + 365 * DAY } });
    expect(oneDay).toMatchObject({ metadata: { expiresAt: T0 + DAY } });
    expect(tenYears).toMatchObject({ metadata: { expiresAt: T0 + 3653 * DAY } });
  });

  it.each([
    ['an empty name', { name: '', scopes: ['s'] }, /^Name/],
    ['a 65-character name', { name: 'n'.repeat(65), scopes: ['s'] }, /^Name/],
    ['a name with <', { name: 'a<b', scopes: ['s'] }, /^Name/],
    ['a name with a backslash', { name: 'a\\b', scopes: ['s'] }, /^Name/],
    ['a name with a control character', { name: 'a\u007fb', scopes: ['s'] }, /^Name/],
    ['no scopes', { name: 'n', scopes: [] }, /^Scopes/],
    ['11 scopes', { name: 'n', scopes: Array.from({ length: 11 }, (_, i) => `s${i}`) }, /^Scopes/],
    ['an empty scope', { name: 'n', scopes: [''] }, /^Each scope/],
    ['a 257-character scope', { name: 'n', scopes: ['s'.repeat(257)] }, /^Each scope/],
    ['a scope with >', { name: 'n', scopes: ['a>b'] }, /^Each scope/],
    ['a lifetime of 0 days', { name: 'n', scopes: ['s'], lifetimeInDays: 0 }, /^LifetimeInDays/],
    ['a lifetime of 3654 days', { name: 'n', scopes: ['s'], lifetimeInDays: 3654 }, /^LifetimeInDays/],
    ['a fractional lifetime', { name: 'n', scopes: ['s'], lifetimeInDays: 1.5 }, /^LifetimeInDays/],
  ])('refuses %s', async (_case, request, message) => {
    const { service, tokens } = signInWorld();

    const result = await service.create(ana, request);

    expect(result).toMatchObject({
      ok: false,
      reason: 'INVALID_REQUEST',
      message: expect.stringMatching(message),
    });
    expect(tokens.tokens.size).toBe(0);
  });

  it('accepts the longest name and ten of the longest scopes', async () => {
    const { service } = signInWorld();

    const result = await service.create(ana, {
      name: 'n'.repeat(64),
      scopes: Array.from({ length: 10 }, (_, i) => `${i}`.repeat(256)),
    });

    expect(result.ok).toBe(true);
  });

  it('creates tokens only for a password sign-in', async () => {
    const { service, tokens } = signInWorld();

    const result = await service.create(
      { ...ana, method: 'token', tokenId: 'x', scopes: ['mail'] },
      {
        name: 'wider',
        scopes: ['everything'],
      },
    );

    expect(result).toMatchObject({ ok: false, reason: 'PASSWORD_REQUIRED' });
    expect(tokens.tokens.size).toBe(0);
  });

  it('lists a user’s own tokens without their digests, page by page', async () => {
    const { service, clock } = signInWorld();
    for (const name of ['one', 'two', 'three']) {
      await service.create(ana, { name, scopes: ['s'] });
      clock.now += 1;
    }
    await service.create(ben, { name: 'bens', scopes: ['s'] });

    const first = await service.listOwn(ana, { limit: 2 });
    const second = await service.listOwn(ana, { limit: 2, cursor: first.cursor });

    expect(first.items.map((t) => t.name)).toEqual(['one', 'two']);
    expect(second.items.map((t) => t.name)).toEqual(['three']);
    expect(second.cursor).toBeUndefined();
    expect(first.items[0]).not.toHaveProperty('tokenHash');
  });

  it('revokes only the user’s own tokens', async () => {
    const { service, tokens } = signInWorld();
    const anas = await service.create(ana, { name: 'a', scopes: ['s'] });
    const anaTokenId = anas.ok ? anas.metadata.tokenId : '';

    const byBen = await service.revokeOwn(ben, anaTokenId);
    const byAna = await service.revokeOwn(ana, anaTokenId);

    expect(byBen).toBe(false);
    expect(byAna).toBe(true);
    expect(tokens.tokens.size).toBe(0);
  });
});

describe('PersonalAccessTokens under an identity provider configuration', () => {
  const configure = (
    world: ReturnType<typeof signInWorld>,
    personalAccessTokens: { status: 'ACTIVE' | 'INACTIVE'; lifetimeInDays?: number },
  ) =>
    world.identityProviders.configurations.set(ORG, {
      organizationId: ORG,
      authenticationMode: 'IDENTITY_PROVIDER_ONLY',
      instanceArn: 'arn:aws:sso:::instance/ssoins-1111222233334444',
      applicationArn: 'arn:aws:sso::123456789012:application/ssoins-1111222233334444/apl-aaaaaaaaaaaaaaaa',
      personalAccessTokens,
      updatedAt: T0,
    });

  it('lets a single sign-on session create tokens, and refuses creation while tokens are INACTIVE', async () => {
    const world = signInWorld();
    const session: AuthenticatedUser = { ...ana, method: 'session' };
    const created = await world.service.create(session, { name: 'laptop', scopes: ['mail'] });
    configure(world, { status: 'INACTIVE' });

    const refused = await world.service.create(session, { name: 'laptop', scopes: ['mail'] });

    expect(created.ok).toBe(true);
    expect(refused).toMatchObject({ ok: false, reason: 'TOKENS_INACTIVE' });
  });

  it("gives new tokens the organization's lifetime, and refuses a longer one", async () => {
    const world = signInWorld();
    configure(world, { status: 'ACTIVE', lifetimeInDays: 30 });

    const byDefault = await world.service.create(ana, { name: 'laptop', scopes: ['mail'] });
    const shorter = await world.service.create(ana, { name: 'phone', scopes: ['mail'], lifetimeInDays: 7 });
    const longer = await world.service.create(ana, { name: 'tablet', scopes: ['mail'], lifetimeInDays: 31 });

    expect(byDefault.ok && byDefault.metadata.expiresAt).toBe(T0 + 30 * DAY);
    expect(shorter.ok && shorter.metadata.expiresAt).toBe(T0 + 7 * DAY);
    expect(longer).toMatchObject({
      ok: false,
      reason: 'INVALID_REQUEST',
      message: expect.stringContaining('30 days'),
    });
  });
});

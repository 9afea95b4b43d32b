import { ANA_ID, ELSEWHERE, HERE, ORG, basic, signInWorld } from './sign-in-world';

const DAY = 86_400_000;
const bearer = (token: string) => `Bearer ${token}`;

describe('UserAuthenticator: personal access tokens', () => {
  it('signs in with a Bearer token as its user, with the token’s scopes', async () => {
    const { auth, anaToken } = signInWorld();
    const { token, metadata } = await anaToken();

    const result = await auth.authenticate(bearer(token), { sourceAddress: HERE, protocol: 'JMAP' });

    expect(result).toEqual({
      ok: true,
      user: {
        organizationId: ORG,
        userId: ANA_ID,
        email: 'ana@example.com',
        method: 'token',
        tokenId: metadata.tokenId,
        scopes: ['mail', 'calendar'],
        origin: { sourceIp: HERE },
      },
    });
  });

  it('signs in with Basic, the token as the password of its user’s address', async () => {
    const { signIn, anaToken } = signInWorld();
    const { token } = await anaToken();

    await expect(signIn('ANA@example.com', token)).resolves.toMatchObject({
      ok: true,
      user: { method: 'token' },
    });
    await expect(signIn('ben@example.com', token)).resolves.toEqual({
      ok: false,
      reason: 'INVALID_CREDENTIALS',
    });
  });

  it('never checks a token-shaped secret as a password', async () => {
    const { signIn, anaToken, verified } = signInWorld();
    const { token } = await anaToken();

    await signIn('ana@example.com', token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'));

    expect(verified).toEqual([]);
  });

  it('refuses a token with the right id and a wrong secret', async () => {
    const { auth, anaToken } = signInWorld();
    const { token } = await anaToken();
    const forged = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');

    await expect(
      auth.authenticate(bearer(forged), { sourceAddress: HERE, protocol: 'JMAP' }),
    ).resolves.toEqual({
      ok: false,
      reason: 'INVALID_CREDENTIALS',
    });
  });

  it('refuses a well-formed token with an unknown id', async () => {
    const { auth } = signInWorld();

    const result = await auth.authenticate(bearer(`mwpat_${'0'.repeat(32)}_${'A'.repeat(43)}`), {
      sourceAddress: HERE,
      protocol: 'JMAP',
    });

    expect(result).toEqual({ ok: false, reason: 'INVALID_CREDENTIALS' });
  });

  it.each([
    'mwpat_',
    'mwpat_0123_abc',
    `mwpat_${'G'.repeat(32)}_${'A'.repeat(43)}`,
    `mwpat_${'0'.repeat(32)}_${'A'.repeat(42)}`,
    `mwpat_${'0'.repeat(32)}_${'A'.repeat(44)}`,
    `ghp_${'0'.repeat(36)}`,
    'a'.repeat(2000),
    '=',
  ])('refuses the garbage bearer value %#, without reading the store', async (value) => {
    const { auth, tokens } = signInWorld();

    const result = await auth.authenticate(bearer(value), { sourceAddress: HERE, protocol: 'JMAP' });

    expect(result).toEqual({ ok: false, reason: 'INVALID_CREDENTIALS' });
    expect(tokens.reads).toBe(0);
  });

  it('refuses a token at its ExpiresTime, saying so only to its holder', async () => {
    const { auth, anaToken, clock } = signInWorld();
    const { token } = await anaToken(1);

    clock.now += DAY - 1;
    const lastMoment = await auth.authenticate(bearer(token), { sourceAddress: HERE, protocol: 'JMAP' });
    clock.now += 1;
    const expired = await auth.authenticate(bearer(token), { sourceAddress: HERE, protocol: 'JMAP' });

    expect(lastMoment).toMatchObject({ ok: true });
    expect(expired).toEqual({ ok: false, reason: 'TOKEN_EXPIRED' });
  });

  it('refuses a revoked token on its next use', async () => {
    const { auth, anaToken, service } = signInWorld();
    const { token, metadata } = await anaToken();
    await auth.authenticate(bearer(token), { sourceAddress: HERE, protocol: 'JMAP' });

    await service.revokeOwn(
      { organizationId: ORG, userId: ANA_ID, email: 'ana@example.com', method: 'password' },
      metadata.tokenId,
    );

    await expect(
      auth.authenticate(bearer(token), { sourceAddress: HERE, protocol: 'JMAP' }),
    ).resolves.toMatchObject({
      reason: 'INVALID_CREDENTIALS',
    });
  });

  it.each([
    ['disabled', { state: 'DISABLED' as const, email: undefined }],
    ['deleted', { state: 'DELETED' as const, email: undefined }],
    ['turned into a remote user', { role: 'REMOTE_USER' as const }],
  ])('refuses the token of a user %s, on the next request', async (_case, changes) => {
    const { auth, anaToken, directory } = signInWorld();
    const { token } = await anaToken();
    await auth.authenticate(bearer(token), { sourceAddress: HERE, protocol: 'JMAP' });

    directory.update(ANA_ID, changes);

    await expect(
      auth.authenticate(bearer(token), { sourceAddress: HERE, protocol: 'JMAP' }),
    ).resolves.toEqual({
      ok: false,
      reason: 'USER_DISABLED',
    });
  });

  it('records DateLastUsed at the first use, then at most once an hour', async () => {
    const { auth, anaToken, tokens, clock } = signInWorld();
    const { token, metadata } = await anaToken();
    const use = () => auth.authenticate(bearer(token), { sourceAddress: HERE, protocol: 'JMAP' });

    await use();
    clock.now += 3_599_999;
    await use();
    clock.now += 1;
    await use();

    expect(tokens.uses).toEqual([
      [metadata.tokenId, metadata.createdAt],
      [metadata.tokenId, metadata.createdAt + 3_600_000],
    ]);
    expect(tokens.tokens.get(metadata.tokenId)?.lastUsedAt).toBe(metadata.createdAt + 3_600_000);
  });

  it('throttles guesses at one token from one source, not the token from elsewhere', async () => {
    const { auth, anaToken } = signInWorld();
    const { token } = await anaToken();
    const forged = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (let i = 0; i < 5; i += 1)
      await auth.authenticate(bearer(forged), { sourceAddress: HERE, protocol: 'JMAP' });

    const here = await auth.authenticate(bearer(token), { sourceAddress: HERE, protocol: 'JMAP' });
    const elsewhere = await auth.authenticate(bearer(token), { sourceAddress: ELSEWHERE, protocol: 'JMAP' });

    expect(here).toMatchObject({ reason: 'THROTTLED' });
    expect(elsewhere).toMatchObject({ ok: true });
  });

  it('does not let a token sign in through Basic under another user’s name', async () => {
    const { auth, anaToken } = signInWorld();
    const { token } = await anaToken();

    const result = await auth.authenticate(basic('ben', token), {
      sourceAddress: HERE,
      organizationId: ORG,
      protocol: 'JMAP',
    });

    expect(result).toEqual({ ok: false, reason: 'INVALID_CREDENTIALS' });
  });
});

import { AccessControl } from '../../../lambdas/core/access-control/access-control';
import { DEFAULT_ACCESS_CONTROL_RULE } from '../../../lambdas/core/access-control/rules';
import { MemorySignInAttemptStore } from '../../../lambdas/adapters/local/memory-sign-in-attempt-store';
import { hashPassword } from '../../../lambdas/core/directory/passwords';
import type { Organization } from '../../../lambdas/core/directory/types';
import {
  UNUSABLE_PASSWORD_HASH,
  UserAuthenticator,
} from '../../../lambdas/core/user-auth/user-authenticator';
import { MemoryPersonalAccessTokenStore } from './doubles';
import {
  ANA_ID,
  ANA_PASSWORD,
  BEN_PASSWORD,
  ELSEWHERE,
  HERE,
  ORG,
  basic,
  fakeHash,
  signInWorld,
} from './sign-in-world';

describe('UserAuthenticator: passwords', () => {
  it('signs a user in with the primary address and the directory password', async () => {
    const { signIn } = signInWorld();

    const result = await signIn('ana@example.com', ANA_PASSWORD);

    expect(result).toEqual({
      ok: true,
      user: {
        organizationId: ORG,
        userId: ANA_ID,
        email: 'ana@example.com',
        method: 'password',
        origin: { sourceIp: HERE },
      },
    });
  });

  it('compares the address case-insensitively', async () => {
    const { signIn } = signInWorld();

    await expect(signIn('Ana@EXAMPLE.com', ANA_PASSWORD)).resolves.toMatchObject({ ok: true });
  });

  it('refuses an alias as the login', async () => {
    const { signIn } = signInWorld();

    await expect(signIn('ana.alias@example.com', ANA_PASSWORD)).resolves.toEqual({
      ok: false,
      reason: 'INVALID_CREDENTIALS',
    });
  });

  it('takes a user name only where the front end names the organization', async () => {
    const { auth } = signInWorld();

    const withOrganization = await auth.authenticate(basic('ANA', ANA_PASSWORD), {
      sourceAddress: HERE,
      organizationId: ORG,
      protocol: 'JMAP',
    });
    const without = await auth.authenticate(basic('ana', ANA_PASSWORD), {
      sourceAddress: HERE,
      protocol: 'JMAP',
    });

    expect(withOrganization).toMatchObject({ ok: true, user: { userId: ANA_ID } });
    expect(without).toEqual({ ok: false, reason: 'INVALID_CREDENTIALS' });
  });

  it('refuses a wrong password, and another user’s password', async () => {
    const { signIn } = signInWorld();

    await expect(signIn('ana@example.com', 'Wrong-horse1')).resolves.toMatchObject({
      reason: 'INVALID_CREDENTIALS',
    });
    await expect(signIn('ana@example.com', BEN_PASSWORD)).resolves.toMatchObject({
      reason: 'INVALID_CREDENTIALS',
    });
  });

  it('runs the password check for an unknown login, against the unusable hash', async () => {
    const { signIn, verified } = signInWorld();

    const result = await signIn('nobody@example.com', ANA_PASSWORD);

    expect(result).toEqual({ ok: false, reason: 'INVALID_CREDENTIALS' });
    expect(verified).toEqual([UNUSABLE_PASSWORD_HASH]);
  });

  it('runs the password check for a user without a password, and refuses it', async () => {
    const { signIn, verified, directory } = signInWorld();
    directory.update(ANA_ID, { passwordHash: undefined });

    const result = await signIn('ana@example.com', ANA_PASSWORD);

    expect(result).toEqual({ ok: false, reason: 'INVALID_CREDENTIALS' });
    expect(verified).toEqual([UNUSABLE_PASSWORD_HASH]);
  });

  it('verifies real scrypt hashes by default, and the unusable hash matches no password', async () => {
    const { directory } = signInWorld();
    directory.update(ANA_ID, { passwordHash: await hashPassword(ANA_PASSWORD) });
    const auth = new UserAuthenticator({
      organizations: directory.organizations,
      entities: directory.entities,
      tokens: new MemoryPersonalAccessTokenStore(),
      attempts: new MemorySignInAttemptStore(),
      impersonation: { getRole: async () => undefined, getToken: async () => undefined },
      accessControl: new AccessControl(
        { list: async () => [{ ...DEFAULT_ACCESS_CONTROL_RULE, createdAt: 0, modifiedAt: 0 }] },
        Date.now,
      ),
    });

    const right = await auth.authenticate(basic('ana@example.com', ANA_PASSWORD), {
      sourceAddress: HERE,
      protocol: 'JMAP',
    });
    const wrong = await auth.authenticate(basic('ana@example.com', 'Wrong-horse1'), {
      sourceAddress: HERE,
      protocol: 'JMAP',
    });

    expect(right).toMatchObject({ ok: true });
    expect(wrong).toMatchObject({ ok: false, reason: 'INVALID_CREDENTIALS' });
    expect(UNUSABLE_PASSWORD_HASH).toMatch(/^scrypt\$65536\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  });

  it('signs in with a login and password given outside a header (SASL PLAIN, the CLI)', async () => {
    const { auth } = signInWorld();

    const right = await auth.signInWithPassword('ana@example.com', ANA_PASSWORD, {
      sourceAddress: HERE,
      protocol: 'JMAP',
    });
    const malformed = await auth.signInWithPassword('ana@example.com', 'a\u0000b', {
      sourceAddress: HERE,
      protocol: 'JMAP',
    });

    expect(right).toMatchObject({ ok: true, user: { userId: ANA_ID, method: 'password' } });
    expect(malformed).toEqual({ ok: false, reason: 'INVALID_CREDENTIALS' });
  });

  it('answers NO_CREDENTIALS without a header or with another scheme', async () => {
    const { auth } = signInWorld();

    await expect(
      auth.authenticate(undefined, { sourceAddress: HERE, protocol: 'JMAP' }),
    ).resolves.toMatchObject({
      reason: 'NO_CREDENTIALS',
    });
    await expect(
      auth.authenticate('Digest username="ana"', { sourceAddress: HERE, protocol: 'JMAP' }),
    ).resolves.toMatchObject({
      reason: 'NO_CREDENTIALS',
    });
  });

  it('refuses a malformed Basic header without reading the directory', async () => {
    const { auth, directory, verified } = signInWorld();

    const result = await auth.authenticate('Basic !!!not-base64', { sourceAddress: HERE, protocol: 'JMAP' });

    expect(result).toEqual({ ok: false, reason: 'INVALID_CREDENTIALS' });
    expect(directory.reads).toBe(0);
    expect(verified).toEqual([]);
  });

  it('refuses a user whose organization is not Active, once the password matched', async () => {
    const { signIn, directory } = signInWorld();
    directory.organizationsById.set(ORG, { organizationId: ORG, state: 'Inactive' } as Organization);

    await expect(signIn('ana@example.com', ANA_PASSWORD)).resolves.toEqual({
      ok: false,
      reason: 'USER_DISABLED',
    });
  });

  it('refuses a remote user (no mailbox), once the password matched', async () => {
    const { signIn, directory } = signInWorld();
    directory.update(ANA_ID, { role: 'REMOTE_USER' });

    await expect(signIn('ana@example.com', ANA_PASSWORD)).resolves.toMatchObject({ reason: 'USER_DISABLED' });
  });
});

describe('UserAuthenticator: the verified-password cache', () => {
  it('skips scrypt for the same password within 60 s, but still reads the user', async () => {
    const { signIn, verified, directory, clock } = signInWorld();
    await signIn('ana@example.com', ANA_PASSWORD);
    const readsBefore = directory.reads;

    clock.now += 59_999;
    const again = await signIn('ana@example.com', ANA_PASSWORD);

    expect(again).toMatchObject({ ok: true });
    expect(verified).toHaveLength(1);
    expect(directory.reads - readsBefore).toBe(2);
  });

  it('refuses a throttled source even the right password the cache remembers: no fast oracle for a guesser', async () => {
    const { signIn } = signInWorld();
    await signIn('ana@example.com', ANA_PASSWORD, ELSEWHERE);
    for (let guess = 0; guess < 5; guess++) await signIn('ana@example.com', `wrong-${guess}`);

    const guessedRight = await signIn('ana@example.com', ANA_PASSWORD);
    const realUser = await signIn('ana@example.com', ANA_PASSWORD, ELSEWHERE);

    expect(guessedRight).toMatchObject({ ok: false, reason: 'THROTTLED' });
    expect(realUser).toMatchObject({ ok: true });
  });

  it('checks the password again after 60 s, even when configured longer', async () => {
    const { signIn, verified, clock } = signInWorld({ passwordCacheTtlMs: 600_000 });
    await signIn('ana@example.com', ANA_PASSWORD);

    clock.now += 60_000;
    await signIn('ana@example.com', ANA_PASSWORD);

    expect(verified).toHaveLength(2);
  });

  it('refuses a user disabled after signing in, on the very next request', async () => {
    const { signIn, directory, clock } = signInWorld();
    await signIn('ana@example.com', ANA_PASSWORD);

    directory.update(ANA_ID, { state: 'DISABLED', email: undefined, aliases: [] });
    clock.now += 1;

    await expect(signIn('ana@example.com', ANA_PASSWORD)).resolves.toMatchObject({ ok: false });
  });

  it('refuses a user deleted after signing in, on the very next request', async () => {
    const { signIn, directory } = signInWorld();
    await signIn('ana@example.com', ANA_PASSWORD);

    directory.update(ANA_ID, { state: 'DELETED', email: undefined, aliases: [] });

    await expect(signIn('ana@example.com', ANA_PASSWORD)).resolves.toMatchObject({ ok: false });
  });

  it('refuses the old password at once after a reset, and takes the new one', async () => {
    const { signIn, directory } = signInWorld();
    await signIn('ana@example.com', ANA_PASSWORD);

    directory.update(ANA_ID, { passwordHash: fakeHash('Newer-horse3') });

    await expect(signIn('ana@example.com', ANA_PASSWORD)).resolves.toMatchObject({
      reason: 'INVALID_CREDENTIALS',
    });
    await expect(signIn('ana@example.com', 'Newer-horse3')).resolves.toMatchObject({ ok: true });
  });

  it('signs in only users of the organization the front end serves, cached or not', async () => {
    const { auth, verified } = signInWorld();
    await auth.authenticate(basic('ana@example.com', ANA_PASSWORD), {
      sourceAddress: HERE,
      protocol: 'JMAP',
    });

    const other = await auth.authenticate(basic('ana@example.com', ANA_PASSWORD), {
      sourceAddress: ELSEWHERE,
      organizationId: `m-${'b'.repeat(32)}`,
      protocol: 'JMAP',
    });

    expect(other).toMatchObject({ ok: false, reason: 'INVALID_CREDENTIALS' });
    expect(verified).toHaveLength(2);
  });

  it('refuses at once when the organization stops being Active', async () => {
    const { signIn, directory } = signInWorld();
    await signIn('ana@example.com', ANA_PASSWORD);

    directory.organizationsById.set(ORG, { organizationId: ORG, state: 'Inactive' } as Organization);

    await expect(signIn('ana@example.com', ANA_PASSWORD)).resolves.toMatchObject({ reason: 'USER_DISABLED' });
  });

  it('keeps no cache when its lifetime is 0', async () => {
    const { signIn, verified } = signInWorld({ passwordCacheTtlMs: 0 });

    await signIn('ana@example.com', ANA_PASSWORD);
    await signIn('ana@example.com', ANA_PASSWORD);

    expect(verified).toHaveLength(2);
  });
});

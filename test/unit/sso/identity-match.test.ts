import type { Entity } from '../../../lambdas/core/directory/types';
import { matchDirectoryUser } from '../../../lambdas/core/sso/identity-match';
import { MemorySignInDirectory } from '../user-auth/doubles';

const ORG = `m-${'d'.repeat(32)}`;
const OTHER = `m-${'e'.repeat(32)}`;
const user = (entityId: string, name: string, email: string, changes: Partial<Entity> = {}) =>
  ({
    organizationId: ORG,
    entityId,
    kind: 'USER',
    name,
    state: 'ENABLED',
    email,
    aliases: [`${name}.alias@example.com`],
    hiddenFromGlobalAddressList: false,
    createdAt: 0,
    ...changes,
  }) as Entity;

describe('matchDirectoryUser', () => {
  const directory = new MemorySignInDirectory();
  directory.users.set('ana', user('ana', 'ana', 'ana@example.com'));
  directory.users.set('ben', user('ben', 'ben', 'ben@example.com', { identityProviderUserId: 'idp-ben' }));
  directory.users.set('room', user('room', 'room', 'room@example.com', { kind: 'RESOURCE' }));
  directory.users.set('zed', user('zed', 'zed', 'zed@other.example', { organizationId: OTHER }));
  const match = (identity: Parameters<typeof matchDirectoryUser>[2]) =>
    matchDirectoryUser(directory, ORG, identity).then((found) => found?.entityId);

  it('matches a verified e-mail to the primary address, case-insensitively', async () => {
    expect(await match({ subject: 's', email: 'Ana@Example.com', emailVerified: true })).toBe('ana');
  });

  it('ignores an unverified e-mail and an alias, and falls back to preferred_username', async () => {
    expect(await match({ subject: 's', email: 'ana@example.com', emailVerified: false })).toBeUndefined();
    expect(
      await match({ subject: 's', email: 'ana.alias@example.com', emailVerified: true }),
    ).toBeUndefined();
    expect(
      await match({
        subject: 's',
        email: 'x@elsewhere.example',
        emailVerified: true,
        preferredUsername: 'ANA',
      }),
    ).toBe('ana');
  });

  it('matches no resource, no user of another organization, and no user associated with another subject', async () => {
    expect(await match({ subject: 's', email: 'room@example.com', emailVerified: true })).toBeUndefined();
    expect(await match({ subject: 's', preferredUsername: 'zed', emailVerified: false })).toBeUndefined();
    expect(
      await match({ subject: 'someone', email: 'ben@example.com', emailVerified: true }),
    ).toBeUndefined();
    expect(await match({ subject: 'idp-ben', email: 'ben@example.com', emailVerified: true })).toBe('ben');
  });
});

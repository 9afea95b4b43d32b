import type { IdentityProviderStore, WebSessionStore } from '../../lambdas/core/sso/ports';
import type { IdentityProviderConfiguration } from '../../lambdas/core/sso/types';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111222233334444';
const arn = (suffix: string) =>
  `arn:aws:sso::123456789012:application/ssoins-1111222233334444/apl-${suffix.padEnd(16, '0')}`;
const organizationId = (digit: string) => `m-${digit.repeat(32)}`;
const configuration = (
  organization: string,
  applicationArn: string,
  changes: Partial<IdentityProviderConfiguration> = {},
): IdentityProviderConfiguration => ({
  organizationId: organization,
  authenticationMode: 'IDENTITY_PROVIDER_ONLY',
  instanceArn: INSTANCE,
  applicationArn,
  personalAccessTokens: { status: 'ACTIVE', lifetimeInDays: 30 },
  updatedAt: 1_900_000_000_000,
  ...changes,
});
const application = (applicationArn: string) => ({
  applicationArn,
  name: 'webmail',
  instanceArn: INSTANCE,
  createdAt: 1_900_000_000_000,
  organizationCount: 0,
});

/**
 * What every {@link IdentityProviderStore} does: configurations per organization, applications counted by the
 * organizations naming them (so one in use is never deleted), issuers with their secret.
 */
export function identityProviderStoreContract(
  name: string,
  make: () => Promise<IdentityProviderStore>,
): void {
  describe(`IdentityProviderStore contract: ${name}`, () => {
    it('stores a configuration only for a recorded application, and reads it back', async () => {
      const store = await make();
      const missing = await store.putConfiguration(configuration(organizationId('1'), arn('a1')));
      await store.createApplication(application(arn('a1')));

      const stored = await store.putConfiguration(configuration(organizationId('1'), arn('a1')));

      expect(missing).toBe('no-application');
      expect(stored).toBe('ok');
      expect(await store.getConfiguration(organizationId('1'))).toEqual(
        configuration(organizationId('1'), arn('a1')),
      );
      expect(await store.getConfiguration(organizationId('2'))).toBeUndefined();
    });

    it('refuses to delete an application while a configuration names it, and follows a configuration that moves', async () => {
      const store = await make();
      await store.createApplication(application(arn('b1')));
      await store.createApplication(application(arn('b2')));
      await store.putConfiguration(configuration(organizationId('3'), arn('b1')));
      await store.putConfiguration(
        configuration(organizationId('3'), arn('b1'), {
          authenticationMode: 'IDENTITY_PROVIDER_AND_DIRECTORY',
        }),
      );

      const inUse = await store.deleteApplication(arn('b1'));
      await store.putConfiguration(configuration(organizationId('3'), arn('b2')));
      const moved = [await store.deleteApplication(arn('b1')), await store.deleteApplication(arn('b2'))];
      await store.deleteConfiguration(organizationId('3'));
      await store.deleteConfiguration(organizationId('3'));
      const freed = await store.deleteApplication(arn('b2'));

      expect(inUse).toBe('in-use');
      expect(moved).toEqual(['ok', 'in-use']);
      expect(freed).toBe('ok');
      expect(await store.getApplication(arn('b2'))).toBeUndefined();
    });

    it('sets an issuer with or without a client secret, only on a recorded application', async () => {
      const store = await make();
      await store.createApplication(application(arn('c1')));

      const absent = await store.putIssuer(arn('c9'), { issuer: 'https://idp.example.com', clientId: 'web' });
      await store.putIssuer(arn('c1'), {
        issuer: 'https://idp.example.com',
        clientId: 'web',
        clientSecret: 's3cret',
      });
      const withSecret = await store.getApplication(arn('c1'));
      await store.putIssuer(arn('c1'), { issuer: 'https://idp.example.com', clientId: 'public' });
      const publicClient = await store.getApplication(arn('c1'));

      expect(absent).toBe(false);
      expect(withSecret?.issuer).toEqual({
        issuer: 'https://idp.example.com',
        clientId: 'web',
        clientSecret: 's3cret',
      });
      expect(publicClient?.issuer).toEqual({ issuer: 'https://idp.example.com', clientId: 'public' });
      expect(await store.createApplication(application(arn('c1')))).toBe(false);
    });
  });
}

/** What every {@link WebSessionStore} does: single-use pending logins, sessions read and deleted by digest. */
export function webSessionStoreContract(name: string, make: () => Promise<WebSessionStore>): void {
  describe(`WebSessionStore contract: ${name}`, () => {
    it('gives a pending login back once', async () => {
      const store = await make();
      const login = {
        stateDigest: 'state-digest',
        organizationId: organizationId('4'),
        nonce: 'the-nonce',
        codeVerifier: 'the-verifier',
        returnTo: '/mail',
        expiresAt: 1_900_000_600_000,
      };
      await store.putPendingLogin(login);

      expect(await store.takePendingLogin('state-digest')).toEqual(login);
      expect(await store.takePendingLogin('state-digest')).toBeUndefined();
    });

    it('reads a session by its digest until it is deleted', async () => {
      const store = await make();
      const session = {
        sessionDigest: 'session-digest',
        organizationId: organizationId('5'),
        userId: 'user-1',
        csrfToken: 'csrf',
        createdAt: 1_900_000_000_000,
        expiresAt: 1_900_003_600_000,
      };
      await store.putSession(session);

      const read = await store.getSession('session-digest');
      await store.deleteSession('session-digest');

      expect(read).toEqual(session);
      expect(await store.getSession('session-digest')).toBeUndefined();
    });
  });
}

import { AccessControl } from '../../../lambdas/core/access-control/access-control';
import { DEFAULT_ACCESS_CONTROL_RULE } from '../../../lambdas/core/access-control/rules';
import type { AccessControlRule } from '../../../lambdas/core/access-control/types';
import { MemorySignInAttemptStore } from '../../../lambdas/adapters/local/memory-sign-in-attempt-store';
import type { Entity, Organization } from '../../../lambdas/core/directory/types';
import {
  UserAuthenticator,
  type UserAuthenticatorOptions,
} from '../../../lambdas/core/user-auth/user-authenticator';
import { PersonalAccessTokens } from '../../../lambdas/core/user-auth/personal-access-tokens';
import { RecordingAuditEvents } from '../../support/recording-audit-events';
import { MemoryImpersonationStore, MemoryPersonalAccessTokenStore, MemorySignInDirectory } from './doubles';
import { MemoryIdentityProviderStore, MemoryWebSessionStore } from '../sso/doubles';

export const ORG = `m-${'a'.repeat(32)}`;
export const ANA_ID = '11111111-1111-4111-8111-111111111111';
export const BEN_ID = '22222222-2222-4222-8222-222222222222';
export const ANA_PASSWORD = 'Correct-horse1';
export const BEN_PASSWORD = 'Battery-staple2';
export const HERE = '192.0.2.10';
export const ELSEWHERE = '198.51.100.20';
export const T0 = 1_900_000_000_000;

/** A stored hash the fake verifier accepts for `password` (scrypt is tested on its own). */
export const fakeHash = (password: string) => `fake$${password}`;

function user(entityId: string, name: string, password: string): Entity {
  return {
    organizationId: ORG,
    entityId,
    kind: 'USER',
    name,
    state: 'ENABLED',
    email: `${name}@example.com`,
    aliases: [`${name}.alias@example.com`],
    hiddenFromGlobalAddressList: false,
    createdAt: T0,
    role: 'USER',
    passwordHash: fakeHash(password),
  };
}

/** `Basic base64(login:secret)`. */
export const basic = (login: string, secret: string) =>
  `Basic ${Buffer.from(`${login}:${secret}`, 'utf8').toString('base64')}`;

const dated = (rule: AccessControlRule) => ({ ...rule, createdAt: T0, modifiedAt: T0 });

/**
 * One Active organization owning example.com, with two enabled users (ana, ben), memory stores, a settable clock
 * and a fake password verifier that records every hash it is asked about.
 */
export function signInWorld(options: UserAuthenticatorOptions = {}) {
  const clock = { now: T0 };
  const directory = new MemorySignInDirectory();
  directory.organizationsById.set(ORG, { organizationId: ORG, state: 'Active' } as Organization);
  directory.domainOwners.set('example.com', ORG);
  directory.users.set(ANA_ID, user(ANA_ID, 'ana', ANA_PASSWORD));
  directory.users.set(BEN_ID, user(BEN_ID, 'ben', BEN_PASSWORD));
  const tokens = new MemoryPersonalAccessTokenStore();
  const attempts = new MemorySignInAttemptStore();
  const verified: string[] = [];
  const now = () => clock.now;
  /** The organization's access control rules (the default rule until a test changes them). */
  const accessRules: AccessControlRule[] = [DEFAULT_ACCESS_CONTROL_RULE];
  const accessControl = new AccessControl({ list: async () => accessRules.map(dated) }, now);
  const impersonation = new MemoryImpersonationStore();
  const audit = new RecordingAuditEvents();
  const identityProviders = new MemoryIdentityProviderStore();
  const sessions = new MemoryWebSessionStore();
  const auth = new UserAuthenticator(
    {
      organizations: directory.organizations,
      entities: directory.entities,
      tokens,
      attempts,
      accessControl,
      impersonation,
      audit,
      identityProviders,
      sessions,
    },
    {
      now,
      verifyPassword: async (password, storedHash) => {
        verified.push(storedHash);
        return storedHash === fakeHash(password);
      },
      ...options,
    },
  );
  const service = new PersonalAccessTokens(tokens, { now, audit, identityProviders });
  return {
    clock,
    directory,
    tokens,
    attempts,
    verified,
    accessRules,
    impersonation,
    /** What sign-in and token management reported. */
    audit,
    identityProviders,
    sessions,
    auth,
    service,
    /** Signs in with Basic from `source` (default {@link HERE}). */
    signIn: (login: string, secret: string, source = HERE) =>
      auth.authenticate(basic(login, secret), { sourceAddress: source, protocol: 'JMAP' }),
    /** Creates a token for ana (signed in with her password). */
    anaToken: async (lifetimeInDays?: number) => {
      const created = await service.create(
        { organizationId: ORG, userId: ANA_ID, email: 'ana@example.com', method: 'password' },
        { name: 'laptop', scopes: ['mail', 'calendar'], lifetimeInDays },
      );
      if (!created.ok) throw new Error(created.message);
      return created;
    },
  };
}

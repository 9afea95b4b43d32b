import type { ResolvedAdminKey } from '../../../lambdas/core/auth/types';
import type { SigningKeyResolver } from '../../../lambdas/http/sigv4';

/** The one admin key the SigV4 unit suites sign with. */
export const KEY: ResolvedAdminKey = {
  accessKeyId: 'AKMWTESTKEY000000001',
  secret: 'abcdefghijklmnopqrstuvwxyz0123456789ABCD',
  organizations: ['m-0000000000000000000000000000000a'],
};

/** Resolves {@link KEY} and nothing else. */
export const keys: SigningKeyResolver = {
  resolve: async (id) => (id === KEY.accessKeyId ? KEY : undefined),
};

/** The server's time in the SigV4 suites. */
export const NOW = new Date('2026-11-22T12:00:00Z');
export const clock = () => NOW;

/** What `signRequest` needs to sign as {@link KEY} at {@link NOW}. */
export const credentials = { accessKeyId: KEY.accessKeyId, secret: KEY.secret, date: NOW };

/** A WorkMail JSON body. */
export const body = '{"OrganizationId":"m-0000000000000000000000000000000a"}';

import { ACCESS_CONTROL_CACHE_MS } from '../../../lambdas/core/access-control/access-control';
import { DEFAULT_ACCESS_CONTROL_RULE } from '../../../lambdas/core/access-control/rules';
import type { AccessControlRule } from '../../../lambdas/core/access-control/types';
import { ANA_ID, ANA_PASSWORD, ELSEWHERE, HERE, basic, signInWorld } from './sign-in-world';

const officeOnly: AccessControlRule = {
  ...DEFAULT_ACCESS_CONTROL_RULE,
  name: 'office-only',
  effect: 'DENY',
  description: 'IMAP only from the office',
  actions: ['IMAP'],
  notIpRanges: [`${HERE}/32`],
};

describe('UserAuthenticator: access control rules', () => {
  it('refuses the right password over a protocol the rules deny from this address, and serves another address', async () => {
    const { auth, accessRules } = signInWorld();
    accessRules.push(officeOnly);

    const elsewhere = await auth.signInWithPassword('ana@example.com', ANA_PASSWORD, {
      sourceAddress: ELSEWHERE,
      protocol: 'IMAP',
    });
    const here = await auth.signInWithPassword('ana@example.com', ANA_PASSWORD, {
      sourceAddress: HERE,
      protocol: 'IMAP',
    });

    expect(elsewhere).toEqual({ ok: false, reason: 'ACCESS_DENIED' });
    expect(here).toMatchObject({ ok: true, user: { userId: ANA_ID } });
  });

  it('leaves the other protocols alone', async () => {
    const { auth, accessRules } = signInWorld();
    accessRules.push(officeOnly);

    const jmap = await auth.authenticate(basic('ana@example.com', ANA_PASSWORD), {
      sourceAddress: ELSEWHERE,
      protocol: 'JMAP',
    });

    expect(jmap.ok).toBe(true);
  });

  it('refuses everyone once every rule is deleted, also with a token', async () => {
    const { auth, accessRules, anaToken } = signInWorld();
    const { token } = await anaToken();
    accessRules.length = 0;

    const withToken = await auth.authenticate(`Bearer ${token}`, { sourceAddress: HERE, protocol: 'CalDAV' });

    expect(withToken).toEqual({ ok: false, reason: 'ACCESS_DENIED' });
  });

  it('checks the rules for a password the cache remembers too', async () => {
    const { auth, accessRules, clock } = signInWorld();
    const signIn = () =>
      auth.signInWithPassword('ana@example.com', ANA_PASSWORD, {
        sourceAddress: ELSEWHERE,
        protocol: 'IMAP',
      });
    expect((await signIn()).ok).toBe(true);

    accessRules.push(officeOnly);
    clock.now += ACCESS_CONTROL_CACHE_MS;

    expect(await signIn()).toEqual({ ok: false, reason: 'ACCESS_DENIED' });
  });

  it('does not apply the rules to what is not mailbox access (the local token command)', async () => {
    const { auth, accessRules } = signInWorld();
    accessRules.length = 0;

    const result = await auth.signInWithPassword('ana@example.com', ANA_PASSWORD, {
      sourceAddress: HERE,
      protocol: null,
    });

    expect(result.ok).toBe(true);
  });

  it('refuses a wrong password as INVALID_CREDENTIALS, never revealing the rules', async () => {
    const { auth, accessRules } = signInWorld();
    accessRules.length = 0;

    const result = await auth.signInWithPassword('ana@example.com', 'Wrong-horse1', {
      sourceAddress: HERE,
      protocol: 'IMAP',
    });

    expect(result).toEqual({ ok: false, reason: 'INVALID_CREDENTIALS' });
  });
});

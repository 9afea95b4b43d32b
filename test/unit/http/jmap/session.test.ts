import { buildSession, DEFAULT_CORE_CAPABILITY, jmapEndpoints } from '../../../../lambdas/http/jmap/session';
import type { JmapAccount } from '../../../../lambdas/http/jmap/types';

const MAIL = 'urn:ietf:params:jmap:mail';
const alice: JmapAccount = {
  name: 'alice@example.com',
  isPersonal: true,
  isReadOnly: false,
  accountCapabilities: { [MAIL]: {} },
};
const base = {
  baseUrl: 'https://mail.example.com/jmap',
  core: DEFAULT_CORE_CAPABILITY,
  username: 'alice@example.com',
  accounts: { A1: alice },
  primaryAccounts: { [MAIL]: 'A1' },
};

/** The variable names of an RFC 6570 level-1 template. */
function variables(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!).sort();
}

/** Level-1 expansion: every variable replaced by its percent-encoded value. */
function expand(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

describe('JMAP Session resource (RFC 8620 §2)', () => {
  it('advertises urn:ietf:params:jmap:core with the limits RFC 8620 suggests as minimums by default', () => {
    const session = buildSession(base);

    expect(session.capabilities['urn:ietf:params:jmap:core']).toEqual({
      maxSizeUpload: 50_000_000,
      maxConcurrentUpload: 4,
      maxSizeRequest: 10_000_000,
      maxConcurrentRequests: 4,
      maxCallsInRequest: 16,
      maxObjectsInGet: 500,
      maxObjectsInSet: 500,
      collationAlgorithms: [],
    });
  });

  it('lists the other capabilities beside core', () => {
    const session = buildSession({ ...base, capabilities: { [MAIL]: { maxMailboxDepth: 10 } } });

    expect(Object.keys(session.capabilities).sort()).toEqual(['urn:ietf:params:jmap:core', MAIL]);
    expect(session.capabilities[MAIL]).toEqual({ maxMailboxDepth: 10 });
  });

  it('carries the accounts, primary accounts and username it is given', () => {
    const session = buildSession(base);

    expect(session.accounts).toEqual({
      A1: {
        name: 'alice@example.com',
        isPersonal: true,
        isReadOnly: false,
        accountCapabilities: { [MAIL]: {} },
      },
    });
    expect(session.primaryAccounts).toEqual({ [MAIL]: 'A1' });
    expect(session.username).toBe('alice@example.com');
  });

  it('has no primary accounts when none are given', () => {
    expect(buildSession({ ...base, primaryAccounts: undefined }).primaryAccounts).toEqual({});
  });

  it('refuses a primary account that is not one of the accounts', () => {
    expect(() => buildSession({ ...base, primaryAccounts: { [MAIL]: 'B2' } })).toThrow(TypeError);
  });

  it('builds absolute endpoint URLs under the base URL', () => {
    const session = buildSession(base);

    expect(session.apiUrl).toBe('https://mail.example.com/jmap/api/');
    expect(session.uploadUrl).toBe('https://mail.example.com/jmap/upload/{accountId}/');
    expect(session.downloadUrl).toBe(
      'https://mail.example.com/jmap/download/{accountId}/{blobId}/{name}?accept={type}',
    );
    expect(session.eventSourceUrl).toBe(
      'https://mail.example.com/jmap/eventsource/?types={types}&closeafter={closeafter}&ping={ping}',
    );
  });

  it('uses exactly the template variables RFC 8620 §2 lists for each URL', () => {
    const session = buildSession(base);

    expect(variables(session.apiUrl)).toEqual([]);
    expect(variables(session.downloadUrl)).toEqual(['accountId', 'blobId', 'name', 'type']);
    expect(variables(session.uploadUrl)).toEqual(['accountId']);
    expect(variables(session.eventSourceUrl)).toEqual(['closeafter', 'ping', 'types']);
  });

  it('gives templates that expand to absolute URLs on the same origin', () => {
    const session = buildSession(base);

    const download = new URL(
      expand(session.downloadUrl, {
        accountId: 'A1',
        blobId: 'B9',
        name: 'a b.pdf',
        type: 'application/pdf',
      }),
    );

    expect(download.origin).toBe('https://mail.example.com');
    expect(download.pathname).toBe('/jmap/download/A1/B9/a%20b.pdf');
    expect(download.searchParams.get('accept')).toBe('application/pdf');
  });

  it('treats a base URL with a trailing slash like one without', () => {
    expect(jmapEndpoints('https://mail.example.com/jmap/')).toEqual(
      jmapEndpoints('https://mail.example.com/jmap'),
    );
    expect(jmapEndpoints('https://mail.example.com').apiUrl).toBe('https://mail.example.com/api/');
  });

  it.each(['/jmap', 'ftp://mail.example.com/jmap', 'https://mail.example.com/jmap?x=1', 'not a url'])(
    'refuses the base URL %s',
    (baseUrl) => {
      expect(() => jmapEndpoints(baseUrl)).toThrow(TypeError);
    },
  );

  it('has a short state that does not depend on the order of keys', () => {
    const bob: JmapAccount = { ...alice, name: 'bob@example.com', isPersonal: false };

    const one = buildSession({ ...base, accounts: { A1: alice, B2: bob } });
    const other = buildSession({ ...base, accounts: { B2: bob, A1: alice } });

    expect(one.state).toBe(other.state);
    expect(one.state).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
  });

  it.each([
    ['an account is added', { accounts: { A1: alice, B2: { ...alice, name: 'bob@example.com' } } }],
    ['an account becomes read-only', { accounts: { A1: { ...alice, isReadOnly: true } } }],
    ['a limit changes', { core: { ...DEFAULT_CORE_CAPABILITY, maxCallsInRequest: 17 } }],
    ['the username changes', { username: 'alice2@example.com' }],
    ['the base URL changes', { baseUrl: 'https://other.example.com/jmap' }],
  ])('changes its state when %s', (_, change) => {
    expect(buildSession({ ...base, ...change }).state).not.toBe(buildSession(base).state);
  });
});

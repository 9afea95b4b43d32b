import { escapeXml, findMailAccount } from '../../../lambdas/core/autoconfig';
import { ACCOUNT } from './fixtures';

describe('findMailAccount', () => {
  const owners: Record<string, string> = { 'example.com': 'm-owner' };
  const asked: string[] = [];
  const directory = {
    mailAccess: ACCOUNT.access,
    findDomainOwner: async (domain: string) => {
      asked.push(domain);
      return owners[domain];
    },
  };

  it('finds an address of a verified domain, lower-cased, with the deployment settings', async () => {
    await expect(findMailAccount(' Ana@EXAMPLE.com ', directory)).resolves.toEqual({
      outcome: 'found',
      account: { address: 'ana@example.com', domain: 'example.com', access: ACCOUNT.access },
    });
  });

  it('answers unknown for a domain no organization verified', async () => {
    await expect(findMailAccount('ana@elsewhere.example', directory)).resolves.toEqual({
      outcome: 'unknown',
    });
  });

  it('answers malformed, without a lookup, for what cannot be an address', async () => {
    asked.length = 0;
    for (const raw of [undefined, '', 'ana', 'a<b>@example.com', `${'a'.repeat(250)}@example.com`])
      await expect(findMailAccount(raw, directory)).resolves.toEqual({ outcome: 'malformed' });
    expect(asked).toEqual([]);
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0000\u001b\ttab`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\ttab',
    );
  });
});

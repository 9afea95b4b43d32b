import { organizationSettingsLookup } from '../../../lambdas/core/inbound-rules';

type Page = { items: { domainName: string; ownershipVerificationStatus: string }[]; cursor?: string };
const verified = (domainName: string) => ({ domainName, ownershipVerificationStatus: 'VERIFIED' });

describe('organizationSettingsLookup', () => {
  it('follows the cursor of each page of mail domains', async () => {
    const pages: Record<string, Page> = {
      first: { items: [verified('a.example')], cursor: 'c1' },
      c1: { items: [verified('b.example')], cursor: 'c2' },
      c2: { items: [verified('c.example')] },
    };
    let calls = 0;
    const lookup = organizationSettingsLookup({
      getOrganization: async () => ({ dmarcEnforced: true }) as never,
      listMailDomains: async (_id, options) => {
        if (++calls > 5) throw new Error('the lookup does not follow the cursor');
        return pages[String(options.cursor ?? 'first')] as never;
      },
    });

    expect((await lookup.settings('m-a'))?.domains).toEqual(['a.example', 'b.example', 'c.example']);
  });

  it('enforces DMARC for an organization that never set the flag', async () => {
    const lookup = organizationSettingsLookup({
      getOrganization: async () => ({}) as never,
      listMailDomains: async () => ({ items: [] }) as never,
    });

    expect(await lookup.settings('m-a')).toEqual({ dmarcEnforced: true, domains: [] });
  });
});

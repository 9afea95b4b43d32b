import type { OrganizationStore } from '../directory/ports';
import type { InboundOrganizationLookup, InboundOrganizationSettings } from './ports';

/**
 * The inbound view of the organization store: the DMARC flag (missing → enforced) and every verified mail domain
 * (a pending registration, which any organization may hold, makes no address the organization's).
 * @param store - the organization store (`getOrganization`, `listMailDomains`)
 * @example
 * const organizations = organizationSettingsLookup(deps.organizations);
 */
export function organizationSettingsLookup(
  store: Pick<OrganizationStore, 'getOrganization' | 'listMailDomains'>,
): InboundOrganizationLookup {
  return {
    async settings(organizationId: string): Promise<InboundOrganizationSettings | undefined> {
      const organization = await store.getOrganization(organizationId);
      if (!organization) return undefined;
      const domains: string[] = [];
      let cursor: Parameters<typeof store.listMailDomains>[1]['cursor'];
      do {
        const page = await store.listMailDomains(organizationId, { limit: 100, cursor });
        for (const domain of page.items) {
          if (domain.ownershipVerificationStatus === 'VERIFIED')
            domains.push(domain.domainName.toLowerCase());
        }
        cursor = page.cursor;
      } while (cursor !== undefined);
      return { dmarcEnforced: organization.dmarcEnforced ?? true, domains };
    },
  };
}

/** What inbound decisions need to know about an organization. */
export interface InboundOrganizationSettings {
  /** DMARC enforcement (PutInboundDmarcSettings); true for new organizations. */
  readonly dmarcEnforced: boolean;
  /** The organization's mail domains, lower case (Lambda events list only recipients in them). */
  readonly domains: readonly string[];
}

/** Looks up an organization's inbound settings. Adapter: {@link organizationSettingsLookup} over the store. */
export interface InboundOrganizationLookup {
  /** The settings, or `undefined` for an unknown organization. */
  settings(organizationId: string): Promise<InboundOrganizationSettings | undefined>;
}

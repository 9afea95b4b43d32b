import type { SoftQuotas } from '../config/quotas';
import type { MailboxLifecycle, OrganizationStore } from '../directory/ports';
import type { PageTokens } from './pagination';

/** Deployment facts the API needs to build ARNs, test domains and DNS records. */
export interface DeploymentSettings {
  readonly region: string;
  readonly accountId: string;
  /** Test mail domains are `<alias>.<testDomainSuffix>` (WorkMail: `awsapps.com`). */
  readonly testDomainSuffix: string;
  /** MX target published for custom domains, e.g. `inbound-smtp.eu-west-1.amazonaws.com`. */
  readonly inboundMxHost: string;
  /** True where custom domains cannot be verified through DNS (the local runtime): they count as verified. */
  readonly trustDomainsWithoutDns: boolean;
  readonly quotas: SoftQuotas;
}

/** The ports and settings every operation may use. Built once per runtime in its wiring. */
export interface ApiDeps {
  readonly settings: DeploymentSettings;
  readonly organizations: OrganizationStore;
  readonly mailboxes: MailboxLifecycle;
  readonly pageTokens: PageTokens;
  readonly clock: () => Date;
}

import type { DeploymentSettings } from '../api/deps';
import type { MailDomain } from './types';

/** One DNS record as `GetMailDomain` returns it. */
export interface DnsRecord {
  readonly Type: string;
  readonly Hostname: string;
  readonly Value: string;
}

/**
 * The records a mail domain should publish: ownership TXT, MX, three DKIM CNAMEs, SPF, DMARC and AutoDiscover
 * (directory-and-mailboxes.md §2.3).
 * @param settings - supplies the inbound MX host and the Region of the AutoDiscover service
 * @example
 * const records = mailDomainRecords(domain, deps.settings);
 */
export function mailDomainRecords(
  domain: MailDomain,
  settings: Pick<DeploymentSettings, 'inboundMxHost' | 'region'>,
): DnsRecord[] {
  const name = domain.domainName;
  return [
    { Type: 'TXT', Hostname: `_amazonses.${name}`, Value: domain.verificationToken },
    { Type: 'MX', Hostname: name, Value: `10 ${settings.inboundMxHost}` },
    ...domain.dkimTokens.map((token) => ({
      Type: 'CNAME',
      Hostname: `${token}._domainkey.${name}`,
      Value: `${token}.dkim.amazonses.com`,
    })),
    { Type: 'TXT', Hostname: name, Value: 'v=spf1 include:amazonses.com ~all' },
    { Type: 'TXT', Hostname: `_dmarc.${name}`, Value: 'v=DMARC1;p=quarantine;pct=100;fo=1' },
    {
      Type: 'CNAME',
      Hostname: `autodiscover.${name}`,
      Value: `autodiscover.mail.${settings.region}.awsapps.com`,
    },
  ];
}

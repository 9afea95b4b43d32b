import type { DeploymentSettings } from '../api/deps';
import type { MailAccessSettings } from '../autoconfig/mail-access';
import type { MailDomain } from './types';

/** One DNS record as `GetMailDomain` returns it. */
export interface DnsRecord {
  readonly Type: string;
  readonly Hostname: string;
  readonly Value: string;
}

/**
 * The records a mail domain should publish: ownership TXT, MX, three DKIM CNAMEs, SPF, DMARC and AutoDiscover
 * (directory-and-mailboxes.md §2.3), then, where the deployment offers IMAP and submission, their SRV records
 * ({@link mailAccessRecords}).
 * @param settings - supplies the inbound MX host, the Region of the AutoDiscover service and the mail access hosts
 * @example
 * const records = mailDomainRecords(domain, deps.settings);
 */
export function mailDomainRecords(
  domain: MailDomain,
  settings: Pick<DeploymentSettings, 'inboundMxHost' | 'region' | 'mailAccess'>,
): DnsRecord[] {
  const name = domain.domainName;
  const autodiscoverHost =
    settings.mailAccess?.autoconfigHostName ?? `autodiscover.mail.${settings.region}.awsapps.com`;
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
    { Type: 'CNAME', Hostname: `autodiscover.${name}`, Value: autodiscoverHost },
    ...(settings.mailAccess ? mailAccessRecords(name, settings.mailAccess) : []),
  ];
}

/**
 * RFC 6186 SRV records for IMAP and submission, with RFC 8314 §5.1's `_submissions` for implicit TLS, each
 * `0 1 <port> <host>` like the MX value; and, when the user API answers on its own host name, the `autoconfig`
 * CNAME Thunderbird asks first. Nothing is published for a service the deployment does not offer (rather than
 * RFC 6186 §3.4's "." target), so deploying it later only adds records.
 * @example
 * mailAccessRecords('example.com', settings.mailAccess); // _imaps._tcp.example.com SRV 0 1 993 mail.example.com, …
 */
export function mailAccessRecords(domainName: string, access: MailAccessSettings): DnsRecord[] {
  const srv = (service: string, port: number): DnsRecord => ({
    Type: 'SRV',
    Hostname: `_${service}._tcp.${domainName}`,
    Value: `0 1 ${port} ${access.hostName}`,
  });
  return [
    srv('imaps', access.imapTlsPort),
    srv('imap', access.imapPort),
    srv('submissions', access.submissionTlsPort),
    srv('submission', access.submissionPort),
    ...(access.autoconfigHostName
      ? [{ Type: 'CNAME', Hostname: `autoconfig.${domainName}`, Value: access.autoconfigHostName }]
      : []),
  ];
}

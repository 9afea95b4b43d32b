import { mailEndpoints } from './mail-access';
import type { MailAccount } from './mail-account';
import { escapeXml } from './xml-text';

/**
 * The Thunderbird autoconfig document (clientConfig 1.1, wiki.mozilla.org/Thunderbird:Autoconfiguration:
 * ConfigFileFormat) for an account: one `incomingServer type="imap"` and one `outgoingServer type="smtp"` per
 * endpoint, implicit TLS first (the format lists servers in order of preference). The user name is the
 * `%EMAILADDRESS%` placeholder, which the client fills in; the password goes over TLS as is (`password-cleartext`,
 * i.e. AUTH PLAIN or LOGIN), as the servers offer no challenge-response mechanism.
 * @example
 * const xml = thunderbirdConfig({ address: 'ana@example.com', domain: 'example.com', access });
 */
export function thunderbirdConfig(account: MailAccount): string {
  const servers = mailEndpoints(account.access).map((endpoint) => {
    const [element, type] =
      endpoint.protocol === 'imap' ? ['incomingServer', 'imap'] : ['outgoingServer', 'smtp'];
    return [
      `    <${element} type="${type}">`,
      `      <hostname>${escapeXml(account.access.hostName)}</hostname>`,
      `      <port>${endpoint.port}</port>`,
      `      <socketType>${endpoint.tls === 'implicit' ? 'SSL' : 'STARTTLS'}</socketType>`,
      '      <username>%EMAILADDRESS%</username>',
      '      <authentication>password-cleartext</authentication>',
      `    </${element}>`,
    ].join('\n');
  });
  const domain = escapeXml(account.domain);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<clientConfig version="1.1">',
    `  <emailProvider id="${domain}">`,
    `    <domain>${domain}</domain>`,
    `    <displayName>${domain}</displayName>`,
    `    <displayShortName>${domain}</displayShortName>`,
    ...servers,
    '  </emailProvider>',
    '</clientConfig>',
    '',
  ].join('\n');
}

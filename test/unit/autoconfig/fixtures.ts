import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { MailAccount } from '../../../lambdas/core/autoconfig';

/** An account on the usual ports, at a host name of its own. */
export const ACCOUNT: MailAccount = {
  address: 'ana@example.com',
  domain: 'example.com',
  access: {
    hostName: 'mail.example.net',
    imapPort: 143,
    imapTlsPort: 993,
    submissionPort: 587,
    submissionTlsPort: 465,
  },
};

/** Values no builder may let through unescaped: they would close an element or open another. */
export const HOSTILE: MailAccount = {
  address: 'a<b>&"c\'@example.com',
  domain: 'ex<ample>&.com',
  access: { ...ACCOUNT.access, hostName: 'mail"</hostname><x>&amp;' },
};

/**
 * Parses XML with a real parser after checking it is well-formed; fails the test on malformed XML. Elements in
 * document order, attributes under `@_`, every value as a string.
 */
export function parseXml(xml: string): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  return new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    processEntities: true,
    isArray: (name) => ['incomingServer', 'outgoingServer', 'Protocol'].includes(name),
  }).parse(xml) as Record<string, unknown>;
}

import { mailEndpoints } from './mail-access';
import type { MailAccount } from './mail-account';
import { escapeXml } from './xml-text';

/** The response schema Outlook asks for to set up an IMAP/SMTP account (MS-OXDSCLI, "POX" autodiscover). */
export const OUTLOOK_RESPONSE_SCHEMA =
  'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
const ENVELOPE_SCHEMA = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';

/** Outlook's requests are a few hundred bytes; anything this large is not one. */
export const MAX_AUTODISCOVER_REQUEST_BYTES = 16 * 1024;

/** What an autodiscover request asks: whose settings, in which response schema (if it names one). */
export interface AutodiscoverRequest {
  readonly emailAddress: string;
  readonly acceptableResponseSchema?: string;
}

/** MS-OXDSCLI error codes this server answers with. */
export const AUTODISCOVER_ERRORS = {
  /** The address is not one this server configures (unknown or malformed; which of the two is not said). */
  addressNotFound: { code: 500, message: 'The email address cannot be found.' },
  /** The request was not an autodiscover request. */
  invalidRequest: { code: 600, message: 'Invalid Request' },
  /** The client asked for a response schema other than Outlook's. */
  schemaNotSupported: { code: 601, message: 'The requested response schema is not supported.' },
} as const;

/**
 * Reads an autodiscover request by extracting two elements' text, not by parsing the document: no DTD, entity or
 * external reference is ever processed (a request with a DOCTYPE is refused outright), so entity expansion and XXE
 * cannot happen, and the size cap bounds the work. The element names may carry a namespace prefix. Character
 * references are not decoded: no address this server configures contains a character that would need one.
 * @returns undefined for anything that is not a well-sized request naming an address
 * @example
 * readAutodiscoverRequest(Buffer.from('<Autodiscover><Request><EMailAddress>ana@example.com</EMailAddress>…'));
 */
export function readAutodiscoverRequest(body: Buffer): AutodiscoverRequest | undefined {
  if (body.length > MAX_AUTODISCOVER_REQUEST_BYTES) return undefined;
  const text = body.toString('utf8');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return undefined;
  const emailAddress = elementText(text, 'EMailAddress');
  if (!emailAddress) return undefined;
  return { emailAddress, acceptableResponseSchema: elementText(text, 'AcceptableResponseSchema') };
}

function elementText(text: string, name: string): string | undefined {
  const match = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${name}\\s*>`).exec(
    text,
  );
  return match?.[1]?.trim() || undefined;
}

/**
 * The Outlook POX response for an account: an `email` account with one `Protocol` per endpoint, IMAP then SMTP,
 * implicit TLS first (Outlook takes the first of each type). Implicit TLS is `SSL` on with `Encryption` SSL;
 * STARTTLS is `SSL` off with `Encryption` TLS. The login name is the address; no password travels.
 * @example
 * const xml = outlookAutodiscoverResponse({ address: 'ana@example.com', domain: 'example.com', access });
 */
export function outlookAutodiscoverResponse(account: MailAccount): string {
  const protocols = mailEndpoints(account.access).map((endpoint) => {
    const implicit = endpoint.tls === 'implicit';
    return [
      '      <Protocol>',
      `        <Type>${endpoint.protocol === 'imap' ? 'IMAP' : 'SMTP'}</Type>`,
      `        <Server>${escapeXml(account.access.hostName)}</Server>`,
      `        <Port>${endpoint.port}</Port>`,
      '        <DomainRequired>off</DomainRequired>',
      `        <LoginName>${escapeXml(account.address)}</LoginName>`,
      '        <SPA>off</SPA>',
      `        <SSL>${implicit ? 'on' : 'off'}</SSL>`,
      `        <Encryption>${implicit ? 'SSL' : 'TLS'}</Encryption>`,
      '        <AuthRequired>on</AuthRequired>',
      '      </Protocol>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Autodiscover xmlns="${ENVELOPE_SCHEMA}">`,
    `  <Response xmlns="${OUTLOOK_RESPONSE_SCHEMA}">`,
    '    <Account>',
    '      <AccountType>email</AccountType>',
    '      <Action>settings</Action>',
    ...protocols,
    '    </Account>',
    '  </Response>',
    '</Autodiscover>',
    '',
  ].join('\n');
}

/**
 * An autodiscover error response (MS-OXDSCLI §2.2.4.1.1.3), which Exchange sends with HTTP 200.
 * @param error - one of {@link AUTODISCOVER_ERRORS}
 * @param now - the time the `Time` attribute states
 * @example
 * outlookAutodiscoverError(AUTODISCOVER_ERRORS.invalidRequest, new Date());
 */
export function outlookAutodiscoverError(
  error: (typeof AUTODISCOVER_ERRORS)[keyof typeof AUTODISCOVER_ERRORS],
  now: Date,
): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Autodiscover xmlns="${ENVELOPE_SCHEMA}">`,
    '  <Response>',
    `    <Error Time="${now.toISOString().slice(11, 23)}" Id="0">`,
    `      <ErrorCode>${error.code}</ErrorCode>`,
    `      <Message>${escapeXml(error.message)}</Message>`,
    '      <DebugData />',
    '    </Error>',
    '  </Response>',
    '</Autodiscover>',
    '',
  ].join('\n');
}

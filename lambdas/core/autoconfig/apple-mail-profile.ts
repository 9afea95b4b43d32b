import { createHash } from 'node:crypto';
import type { MailAccount } from './mail-account';
import { escapeXml } from './xml-text';

/** Namespace of the name-based UUIDs of Mailwright's configuration profiles (a fixed random UUID). */
const PROFILE_UUID_NAMESPACE = '6f0c7f52-4d0e-4b7e-9a55-1b7f3f0e2c19';

/**
 * An RFC 9562 §5.5 name-based UUID (version 5, SHA-1): the same name always gives the same UUID, so a profile
 * downloaded again replaces the installed one instead of adding a second account.
 * @example
 * nameBasedUuid('ana@example.com'); // same string on every call
 */
export function nameBasedUuid(name: string, namespace: string = PROFILE_UUID_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type PlistValue = string | number | boolean | readonly PlistDict[];
type PlistDict = ReadonlyArray<readonly [string, PlistValue]>;

/**
 * The Apple configuration profile (`.mobileconfig`) that adds an account to Mail on iOS, iPadOS and macOS: one
 * `com.apple.mail.managed` payload over implicit TLS (IMAP and submission), password authentication with one
 * password for both, asked for on installation: the profile never holds a password. Its UUIDs derive from the
 * address and its identifiers from the domain, so installing it again updates the account. Unsigned: the device
 * shows it as such.
 * @example
 * const plist = appleMailProfile({ address: 'ana@example.com', domain: 'example.com', access });
 */
export function appleMailProfile(account: MailAccount): string {
  const { address, domain, access } = account;
  const identifier = `${domain.split('.').reverse().join('.')}.mailwright`;
  const accountUuid = nameBasedUuid(`mail-account:${address}`);
  const mail: PlistDict = [
    ['EmailAccountDescription', address],
    ['EmailAccountType', 'EmailTypeIMAP'],
    ['EmailAddress', address],
    ['IncomingMailServerAuthentication', 'EmailAuthPassword'],
    ['IncomingMailServerHostName', access.hostName],
    ['IncomingMailServerPortNumber', access.imapTlsPort],
    ['IncomingMailServerUseSSL', true],
    ['IncomingMailServerUsername', address],
    ['OutgoingMailServerAuthentication', 'EmailAuthPassword'],
    ['OutgoingMailServerHostName', access.hostName],
    ['OutgoingMailServerPortNumber', access.submissionTlsPort],
    ['OutgoingMailServerUseSSL', true],
    ['OutgoingMailServerUsername', address],
    ['OutgoingPasswordSameAsIncomingPassword', true],
    ['PayloadDisplayName', `Mail: ${address}`],
    ['PayloadIdentifier', `${identifier}.mail.${accountUuid}`],
    ['PayloadType', 'com.apple.mail.managed'],
    ['PayloadUUID', accountUuid],
    ['PayloadVersion', 1],
  ];
  const profileUuid = nameBasedUuid(`profile:${address}`);
  const profile: PlistDict = [
    ['PayloadContent', [mail]],
    ['PayloadDescription', `Sets up ${address} in Mail (IMAP and SMTP).`],
    ['PayloadDisplayName', `${domain} mail`],
    ['PayloadIdentifier', `${identifier}.${profileUuid}`],
    ['PayloadRemovalDisallowed', false],
    ['PayloadType', 'Configuration'],
    ['PayloadUUID', profileUuid],
    ['PayloadVersion', 1],
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    ...dict(profile, ''),
    '</plist>',
    '',
  ].join('\n');
}

function dict(entries: PlistDict, indent: string): string[] {
  const inner = `${indent}  `;
  return [
    `${indent}<dict>`,
    ...entries.flatMap(([key, value]) => [
      `${inner}<key>${escapeXml(key)}</key>`,
      ...plistValue(value, inner),
    ]),
    `${indent}</dict>`,
  ];
}

function plistValue(value: PlistValue, indent: string): string[] {
  if (typeof value === 'boolean') return [`${indent}<${value}/>`];
  if (typeof value === 'number') return [`${indent}<integer>${Math.trunc(value)}</integer>`];
  if (typeof value === 'string') return [`${indent}<string>${escapeXml(value)}</string>`];
  return [`${indent}<array>`, ...value.flatMap((entry) => dict(entry, `${indent}  `)), `${indent}</array>`];
}

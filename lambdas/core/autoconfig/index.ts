export { appleMailProfile, nameBasedUuid } from './apple-mail-profile';
export { mailEndpoints } from './mail-access';
export type { MailAccessSettings, MailEndpoint } from './mail-access';
export { findMailAccount } from './mail-account';
export type { MailAccount, MailAccountDirectory, MailAccountLookup } from './mail-account';
export {
  AUTODISCOVER_ERRORS,
  MAX_AUTODISCOVER_REQUEST_BYTES,
  OUTLOOK_RESPONSE_SCHEMA,
  outlookAutodiscoverError,
  outlookAutodiscoverResponse,
  readAutodiscoverRequest,
} from './outlook-autodiscover';
export type { AutodiscoverRequest } from './outlook-autodiscover';
export { thunderbirdConfig } from './thunderbird-config';
export { escapeXml } from './xml-text';

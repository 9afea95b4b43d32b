/** Envelope encryption: byte formats, key cache and key-wrapping port. See docs/encryption.md. */
export {
  CONTENT_HEADER_BYTES,
  CONTENT_MAGIC,
  DEFAULT_CHUNK_BYTES,
  decryptContent,
  encryptContent,
  encryptedLength,
  readContentHeader,
  sliceBuffer,
} from './content-stream';
export type { ByteSource } from './content-stream';
export {
  MAILBOX_CONTEXT_KEY,
  ORGANIZATION_CONTEXT_KEY,
  canonicalContext,
  mailboxKeyContext,
} from './context';
export {
  FORMAT_VERSION,
  KEY_BYTES,
  NONCE_BYTES,
  TAG_BYTES,
  WRAPPED_MESSAGE_KEY_BYTES,
  decryptField,
  deriveSubkey,
  encodeAad,
  encryptField,
  generateKey,
  openGcm,
  sealGcm,
  unwrapMessageKey,
  wrapMessageKey,
} from './envelope';
export type { MessageIdentity } from './envelope';
export {
  DecryptionFailedError,
  KeyCacheThrashError,
  MailboxKeyNotFoundError,
  UnsupportedCiphertextError,
} from './errors';
export { KeyCache, MAX_KEY_CACHE_MS } from './key-cache';
export type { Clock, KeyCacheOptions } from './key-cache';
export type { KeyWrapper } from './ports';
export {
  DELIVERY_LEDGER_KEY_NAME,
  DEPLOYMENT_KEY_CONTEXT_KEY,
  DeploymentKeyError,
  deploymentKeyContext,
  deploymentKeyLoader,
  deriveDeploymentSubkey,
  loadDeploymentKey,
} from './deployment-keys';
export type { DeploymentKeyStore } from './deployment-keys';
export { FieldSealer } from './field-sealer';

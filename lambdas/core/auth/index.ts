export {
  ACCESS_KEY_ID_PATTERN,
  SECRET_PATTERN,
  assertCredentialFormat,
  generateAccessKeyId,
  generateSecret,
} from './access-keys';
export { AdminKeys, openKey, sealKey } from './admin-keys';
export type { AdminKeyDetails, AdminKeysOptions, CreatedAdminKey } from './admin-keys';
export { bootstrapAdminKey } from './bootstrap';
export type { BootstrapCredentials, BootstrapResult } from './bootstrap';
export { AdminKeyExistsError, InvalidAdminCredentialsError } from './errors';
export type { AdminKeyStore } from './ports';
export { adminSecretContext } from './types';
export type { AdminKey, AdminKeyScope, AdminKeyState, ResolvedAdminKey } from './types';

export {
  MAX_LOGIN_LENGTH,
  MAX_SECRET_LENGTH,
  basicCredential,
  parseAuthorization,
} from './authorization-header';
export { PersonalAccessTokenExistsError } from './errors';
export { MAX_PASSWORD_CACHE_TTL_MS } from './password-cache';
export {
  DEFAULT_TOKEN_LIFETIME_DAYS,
  MAX_TOKEN_LIFETIME_DAYS,
  MAX_TOKEN_SCOPES,
  PersonalAccessTokens,
  tokenMetadata,
  tokenRequestProblem,
} from './personal-access-tokens';
export type { CreateTokenRequest, CreateTokenResult } from './personal-access-tokens';
export type {
  PersonalAccessTokenStore,
  SignInAttemptStore,
  SignInDirectory,
  TokenCursor,
  TokenOwner,
  TokenPage,
  TokenPageRequest,
} from './ports';
export { sessionSignIn } from './session-sign-in';
export type { SessionRequest, SessionSignInDeps } from './session-sign-in';
export { maySignIn } from './sign-in-account';
export { DEFAULT_THROTTLE_POLICIES, retryAfterMs } from './sign-in-throttle';
export type { BackoffPolicy, ThrottlePolicies } from './sign-in-throttle';
export { sourceNetwork } from './source-address';
export { TOKEN_PREFIX, digestTokenValue, tokenIdOf } from './token-format';
export type {
  AuthMethod,
  AuthenticatedUser,
  Credential,
  FailureCount,
  PersonalAccessToken,
  PersonalAccessTokenMetadata,
  SignInContext,
  SignInRefusal,
  SignInRefusalReason,
  SignInResult,
} from './types';
export { UNUSABLE_PASSWORD_HASH, UserAuthenticator } from './user-authenticator';
export type { UserAuthenticatorDeps, UserAuthenticatorOptions } from './user-authenticator';

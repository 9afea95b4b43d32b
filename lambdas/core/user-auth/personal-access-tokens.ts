import type { AuditEvents } from '../audit-logs/ports';
import type { IdentityProviderStore } from '../sso/ports';
import { tokensAllowed } from '../sso/sign-in-policy';
import type { PersonalAccessTokenStore, TokenPage, TokenPageRequest } from './ports';
import { digestTokenValue, generateTokenValue } from './token-format';
import type { AuthenticatedUser, PersonalAccessToken, PersonalAccessTokenMetadata } from './types';

/** Lifetime of a token when the request gives none, in days (PersonalAccessTokenConfiguration's default). */
export const DEFAULT_TOKEN_LIFETIME_DAYS = 365;
/** Longest lifetime, in days (the model's LifetimeInDays maximum: ten years). */
export const MAX_TOKEN_LIFETIME_DAYS = 3653;
/** Most scopes per token. */
export const MAX_TOKEN_SCOPES = 10;

const DAY_MS = 86_400_000;
/** Names and scopes: no control characters, `<`, `>` or `\` (the model's pattern). */
// eslint-disable-next-line no-control-regex -- control characters are what the pattern refuses
const TEXT_PATTERN = /^[^\x00-\x1F\x7F<>\\]+$/;

/** What a user asks for when creating a token. */
export interface CreateTokenRequest {
  /** 1–64 characters, no control characters, `<`, `>` or `\`. */
  readonly name: string;
  /** 1–10 scopes of 1–256 such characters each. */
  readonly scopes: readonly string[];
  /** 1–3653, at most the organization's configured lifetime. @default - the configured lifetime, else 365 */
  readonly lifetimeInDays?: number;
}

/**
 * The outcome of creating a token: its value (shown once) and metadata, or a refusal: `PASSWORD_REQUIRED` (only
 * a password or single sign-on session creates tokens, so a leaked token cannot mint wider or longer-lived ones),
 * `TOKENS_INACTIVE` (the organization's identity provider configuration has personal access tokens INACTIVE),
 * `INVALID_REQUEST` (the message says which field and why; it never echoes the value).
 */
export type CreateTokenResult =
  | { readonly ok: true; readonly token: string; readonly metadata: PersonalAccessTokenMetadata }
  | {
      readonly ok: false;
      readonly reason: 'PASSWORD_REQUIRED' | 'TOKENS_INACTIVE' | 'INVALID_REQUEST';
      readonly message: string;
    };

/**
 * Why a create request is invalid, or undefined when it is valid.
 * @example
 * tokenRequestProblem({ name: 'laptop', scopes: [] }); // 'Scopes must hold 1 to 10 scopes.'
 */
export function tokenRequestProblem(request: CreateTokenRequest): string | undefined {
  const text = (value: unknown, max: number) =>
    typeof value === 'string' && value.length <= max && TEXT_PATTERN.test(value);
  if (!text(request.name, 64))
    return 'Name must have 1 to 64 characters, without control characters, <, > or \\.';
  if (!Array.isArray(request.scopes) || request.scopes.length < 1 || request.scopes.length > MAX_TOKEN_SCOPES)
    return `Scopes must hold 1 to ${MAX_TOKEN_SCOPES} scopes.`;
  if (!request.scopes.every((scope) => text(scope, 256)))
    return 'Each scope must have 1 to 256 characters, without control characters, <, > or \\.';
  const days = request.lifetimeInDays ?? DEFAULT_TOKEN_LIFETIME_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_LIFETIME_DAYS)
    return `LifetimeInDays must be an integer from 1 to ${MAX_TOKEN_LIFETIME_DAYS}.`;
  return undefined;
}

/**
 * A token's metadata: the record without its digest.
 * @example
 * const shown = (await store.listTokens(organizationId, userId, request)).items.map(tokenMetadata);
 */
export function tokenMetadata(token: PersonalAccessToken): PersonalAccessTokenMetadata {
  const { tokenHash: _digest, ...metadata } = token;
  return metadata;
}

/**
 * A signed-in user's own personal access tokens: create (the value is returned once and stored only as a digest),
 * list and revoke. Protocol front ends (the JMAP session endpoint, the local CLI) call these; admins use the
 * ListPersonalAccessTokens / GetPersonalAccessTokenMetadata / DeletePersonalAccessToken operations.
 * @example
 * const tokens = new PersonalAccessTokens(store);
 * const created = await tokens.create(user, { name: 'laptop', scopes: ['mail'] });
 * if (created.ok) print(created.token);
 */
export class PersonalAccessTokens {
  private readonly now: () => number;

  private readonly audit?: AuditEvents;
  private readonly identityProviders?: Pick<IdentityProviderStore, 'getConfiguration'>;

  /**
   * @param store - where tokens are kept
   * @param options - the clock; where created and revoked tokens are reported (the organization's personal access
   *   token audit log); and the identity provider configurations whose PersonalAccessTokenConfiguration (status,
   *   lifetime) governs creation (absent: no organization has one)
   */
  constructor(
    private readonly store: PersonalAccessTokenStore,
    options: {
      readonly now?: () => number;
      readonly audit?: AuditEvents;
      readonly identityProviders?: Pick<IdentityProviderStore, 'getConfiguration'>;
    } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.audit = options.audit;
    this.identityProviders = options.identityProviders;
  }

  /**
   * Creates a token for the signed-in user.
   * @param user - who signed in; must have used the password or a single sign-on session
   * @param request - name, scopes and lifetime
   */
  async create(user: AuthenticatedUser, request: CreateTokenRequest): Promise<CreateTokenResult> {
    if (user.method !== 'password' && user.method !== 'session')
      return {
        ok: false,
        reason: 'PASSWORD_REQUIRED',
        message: 'Sign in with your password to create a token.',
      };
    const problem = tokenRequestProblem(request);
    if (problem) return { ok: false, reason: 'INVALID_REQUEST', message: problem };
    const configuration = await this.identityProviders?.getConfiguration(user.organizationId);
    if (!tokensAllowed(configuration))
      return {
        ok: false,
        reason: 'TOKENS_INACTIVE',
        message: 'Your organization does not allow personal access tokens.',
      };
    const maxDays = configuration?.personalAccessTokens.lifetimeInDays ?? MAX_TOKEN_LIFETIME_DAYS;
    const days = request.lifetimeInDays ?? Math.min(DEFAULT_TOKEN_LIFETIME_DAYS, maxDays);
    if (days > maxDays)
      return {
        ok: false,
        reason: 'INVALID_REQUEST',
        message: `Your organization allows tokens of at most ${maxDays} days.`,
      };
    const { tokenId, value } = generateTokenValue();
    const createdAt = this.now();
    const token: PersonalAccessToken = {
      tokenId,
      organizationId: user.organizationId,
      userId: user.userId,
      name: request.name,
      scopes: [...request.scopes],
      tokenHash: digestTokenValue(value),
      createdAt,
      expiresAt: createdAt + days * DAY_MS,
    };
    await this.store.createToken(token);
    await this.report(user, 'create', token);
    return { ok: true, token: value, metadata: tokenMetadata(token) };
  }

  /** One page of the user's tokens (expired ones included), oldest first. */
  async listOwn(
    user: AuthenticatedUser,
    request: TokenPageRequest,
  ): Promise<TokenPage<PersonalAccessTokenMetadata>> {
    const page = await this.store.listTokens(user.organizationId, user.userId, request);
    const items = page.items.map(tokenMetadata);
    return page.cursor ? { items, cursor: page.cursor } : { items };
  }

  /** Revokes one of the user's tokens at once; false when the user has no token with this id. */
  async revokeOwn(user: AuthenticatedUser, tokenId: string): Promise<boolean> {
    const owner = { organizationId: user.organizationId, userId: user.userId };
    const token = this.audit && (await this.store.getToken(tokenId));
    const revoked = await this.store.deleteToken(tokenId, owner);
    if (revoked && token) await this.report(user, 'delete', token);
    return revoked;
  }

  private async report(
    user: AuthenticatedUser,
    action: 'create' | 'delete',
    token: PersonalAccessToken,
  ): Promise<void> {
    await this.audit?.personalAccessToken({
      organizationId: user.organizationId,
      userId: user.userId,
      user: user.email,
      action,
      name: token.name,
      expiresAt: token.expiresAt,
      scopes: token.scopes,
    });
  }
}

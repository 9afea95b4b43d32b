import type { EntityStore, OrganizationStore } from '../directory/ports';
import type { FailureCount, PersonalAccessToken } from './types';

/** Where a store left off (e.g. DynamoDB's LastEvaluatedKey); opaque to core. */
export type TokenCursor = Record<string, unknown>;

/** A request for one page of tokens. */
export interface TokenPageRequest {
  readonly limit: number;
  readonly cursor?: TokenCursor;
}

/** One page of tokens; `cursor` is absent on the last page. */
export interface TokenPage<T> {
  readonly items: T[];
  readonly cursor?: TokenCursor;
}

/** Whose token an operation may touch: an organization's (admins), or one user's (the user). */
export interface TokenOwner {
  readonly organizationId: string;
  /** When given, only this user's token. */
  readonly userId?: string;
}

/** Personal access tokens (the directory table in the cloud and locally). */
export interface PersonalAccessTokenStore {
  /**
   * Stores a new token.
   * @throws PersonalAccessTokenExistsError when the token id is taken
   */
  createToken(token: PersonalAccessToken): Promise<void>;
  /** The token with this id, in any organization (sign-in reads it by the id in the token value). */
  getToken(tokenId: string): Promise<PersonalAccessToken | undefined>;
  /**
   * One page of an organization's tokens ordered by user and creation time, or of one user's, read by a query
   * whose cost grows with the page (never a scan).
   */
  listTokens(
    organizationId: string,
    userId: string | undefined,
    request: TokenPageRequest,
  ): Promise<TokenPage<PersonalAccessToken>>;
  /** Sets `lastUsedAt` to `at` unless it is at or after `unchangedSince`; never recreates a deleted token. */
  recordUse(tokenId: string, at: number, unchangedSince: number): Promise<void>;
  /** Deletes a token if `owner` owns it; false when there is no such token of that owner. */
  deleteToken(tokenId: string, owner: TokenOwner): Promise<boolean>;
  /** Deletes every token of a user (the user was deleted). */
  deleteUserTokens(organizationId: string, userId: string): Promise<void>;
}

/**
 * Counters of failed sign-ins under opaque keys, forgotten at their expiry (memory locally, a table with TTL in
 * the cloud). Readers treat a count past `expiresAt` as absent: expired records may linger. Each method is one
 * atomic step, so concurrent attempts each see their own count.
 */
export interface SignInAttemptStore {
  getFailures(key: string): Promise<FailureCount | undefined>;
  /**
   * Counts an attempt before its credential is checked, and returns the count with it: `failures` plus one, and
   * `lastFailureAt` unchanged (set to `at` only when there was none). A count past its expiry starts again at 1.
   * Every count lasts until `expiresAt`.
   */
  reserveAttempt(key: string, at: number, expiresAt: number): Promise<FailureCount>;
  /** Records that a counted attempt failed at `at` (its `lastFailureAt`); nothing when the count is gone. */
  markFailed(key: string, at: number): Promise<void>;
  /** Takes back one counted attempt (it succeeded, or was refused unchecked); nothing when none is counted. */
  releaseAttempt(key: string): Promise<void>;
  clearFailures(key: string): Promise<void>;
}

/** The directory reads sign-in needs: domain owners, organizations and users. */
export interface SignInDirectory {
  readonly organizations: Pick<OrganizationStore, 'getOrganization' | 'findDomainOwner'>;
  readonly entities: Pick<EntityStore, 'getEntity' | 'findByEmail' | 'findByName'>;
}

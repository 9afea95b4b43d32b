import { Type, type Static } from '@sinclair/typebox';
import type { PersonalAccessToken } from '../../../user-auth/types';
import { list, pattern, Timestamp, toTimestamp, WorkMailIdentifier } from '../../shapes';

/** Shapes shared by the personal-access-token operations (api-operations.md §6, §7). */

export const PersonalAccessTokenId = pattern('[a-zA-Z0-9_-]+', { minLength: 1, maxLength: 64 });
/** Names and scopes: no control characters, `<`, `>` or `\`. */
const text = (maxLength: number) =>
  pattern('[^\\x00-\\x1F\\x7F\\x3C\\x3E\\x5C]+', { minLength: 1, maxLength });

export const PersonalAccessTokenSummary = Type.Object({
  PersonalAccessTokenId: Type.Optional(PersonalAccessTokenId),
  UserId: Type.Optional(WorkMailIdentifier),
  Name: Type.Optional(text(64)),
  DateCreated: Type.Optional(Timestamp),
  DateLastUsed: Type.Optional(Timestamp),
  ExpiresTime: Type.Optional(Timestamp),
  Scopes: Type.Optional(list(text(256), 1, 10)),
});

/**
 * A stored token as the API shows it: metadata only, never its digest.
 * @example
 * return { PersonalAccessTokenSummaries: page.items.map(toSummary) };
 */
export function toSummary(token: PersonalAccessToken): Static<typeof PersonalAccessTokenSummary> {
  return {
    PersonalAccessTokenId: token.tokenId,
    UserId: token.userId,
    Name: token.name,
    DateCreated: toTimestamp(token.createdAt),
    ...(token.lastUsedAt === undefined ? {} : { DateLastUsed: toTimestamp(token.lastUsedAt) }),
    ExpiresTime: toTimestamp(token.expiresAt),
    Scopes: [...token.scopes],
  };
}

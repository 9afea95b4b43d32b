import type { Operation } from '../../operation';
import { deletePersonalAccessToken } from './delete-personal-access-token';
import { getPersonalAccessTokenMetadata } from './get-personal-access-token-metadata';
import { listPersonalAccessTokens } from './list-personal-access-tokens';

export { deletePersonalAccessToken } from './delete-personal-access-token';
export { getPersonalAccessTokenMetadata } from './get-personal-access-token-metadata';
export { listPersonalAccessTokens } from './list-personal-access-tokens';

/** The personal-access-token operations of the catalog (WorkMail's; users create tokens, admins never do). */
export const personalAccessTokenOperations: readonly Operation[] = [
  listPersonalAccessTokens,
  getPersonalAccessTokenMetadata,
  deletePersonalAccessToken,
] as unknown as readonly Operation[];

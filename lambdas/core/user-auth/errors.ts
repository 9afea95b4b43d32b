/** Errors of the personal-access-token model. Refusals a user may cause are results, not errors (types.ts). */

/** A token with this id already exists (ids are 128 random bits: this is a fault, not a refusal). */
export class PersonalAccessTokenExistsError extends Error {
  readonly tokenId: string;
  constructor(tokenId: string, options?: ErrorOptions) {
    super(`Personal access token ${tokenId} already exists`, options);
    this.name = 'PersonalAccessTokenExistsError';
    this.tokenId = tokenId;
  }
}

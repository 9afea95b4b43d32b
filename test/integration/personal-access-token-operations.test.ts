import { deleteUser, deregisterFromWorkMail } from '../../lambdas/core/api/operations/entities';
import {
  deletePersonalAccessToken,
  getPersonalAccessTokenMetadata,
  listPersonalAccessTokens,
} from '../../lambdas/core/api/operations/personal-access-tokens';
import { PersonalAccessTokens } from '../../lambdas/core/user-auth/personal-access-tokens';
import { entityKit, type EntityKit } from './entity-kit';

type Summary = {
  PersonalAccessTokenId: string;
  UserId: string;
  Name: string;
  DateCreated: number;
  DateLastUsed?: number;
  ExpiresTime: number;
  Scopes: string[];
};
type Listing = { PersonalAccessTokenSummaries: Summary[]; NextToken?: string };

describe('Operations: ListPersonalAccessTokens / GetPersonalAccessTokenMetadata / DeletePersonalAccessToken', () => {
  let kit: EntityKit;
  let tokens: PersonalAccessTokens;
  const now = 1_900_000_000_000;

  beforeAll(async () => {
    kit = await entityKit();
    tokens = new PersonalAccessTokens(kit.deps.personalAccessTokens, { now: () => now });
  });

  const createToken = async (orgId: string, userId: string, name: string) => {
    const created = await tokens.create(
      { organizationId: orgId, userId, email: 'x@example.com', method: 'password' },
      { name, scopes: ['mail'], lifetimeInDays: 30 },
    );
    if (!created.ok) throw new Error(created.message);
    return created.metadata.tokenId;
  };
  const list = (input: Record<string, unknown>) => kit.call<Listing>(listPersonalAccessTokens, input);
  const get = (OrganizationId: string, PersonalAccessTokenId: string) =>
    kit.call<Summary>(getPersonalAccessTokenMetadata, { OrganizationId, PersonalAccessTokenId });

  it('returns a token’s metadata in WorkMail’s shape, never its value or digest', async () => {
    const userId = await kit.enabledUser('meta');
    const tokenId = await createToken(kit.orgId, userId, 'laptop');

    const metadata = await get(kit.orgId, tokenId);

    expect(metadata).toEqual({
      PersonalAccessTokenId: tokenId,
      UserId: userId,
      Name: 'laptop',
      DateCreated: now / 1000,
      ExpiresTime: now / 1000 + 30 * 86_400,
      Scopes: ['mail'],
    });
  });

  it('lists an organization’s tokens, or one user’s, page by page with no NextToken on the last page', async () => {
    const orgId = await kit.newOrganization();
    const user = await kit.user('lister');
    const other = await kit.user('other');
    const own = [await createToken(kit.orgId, user, 'a'), await createToken(kit.orgId, user, 'b')];
    await createToken(kit.orgId, other, 'c');
    await createToken(orgId, user, 'same user id, other organization');

    const first = await list({ OrganizationId: kit.orgId, UserId: user, MaxResults: 1 });
    const second = await list({
      OrganizationId: kit.orgId,
      UserId: user,
      MaxResults: 1,
      NextToken: first.NextToken,
    });
    const third = second.NextToken
      ? await list({ OrganizationId: kit.orgId, UserId: user, MaxResults: 1, NextToken: second.NextToken })
      : undefined;
    const all = await list({ OrganizationId: kit.orgId });

    const paged = [...first.PersonalAccessTokenSummaries, ...second.PersonalAccessTokenSummaries];
    expect(paged.map((t) => t.PersonalAccessTokenId).sort()).toEqual([...own].sort());
    expect(third?.PersonalAccessTokenSummaries ?? []).toEqual([]);
    expect(third?.NextToken).toBeUndefined();
    expect(all.PersonalAccessTokenSummaries.map((t) => t.UserId)).toEqual(
      expect.arrayContaining([user, other]),
    );
    expect(all.PersonalAccessTokenSummaries.every((t) => t.Name !== 'same user id, other organization')).toBe(
      true,
    );
    expect(all).not.toHaveProperty('NextToken');
  });

  it('answers ResourceNotFoundException for another organization’s token, exactly as for an unknown one', async () => {
    const otherOrg = await kit.newOrganization();
    const userId = await kit.enabledUser('isolated');
    const tokenId = await createToken(kit.orgId, userId, 'mine');

    const foreign = await get(otherOrg, tokenId).catch((error: Error) => error);
    const unknown = await get(otherOrg, 'f'.repeat(32)).catch((error: Error) => error);

    expect(foreign).toMatchObject({ name: 'ResourceNotFoundException' });
    expect({ ...foreign, message: (foreign as Error).message }).toEqual({
      ...unknown,
      message: (unknown as Error).message,
    });
  });

  it('deletes a token at once; deleting it again, an unknown one or another organization’s succeeds unchanged', async () => {
    const otherOrg = await kit.newOrganization();
    const userId = await kit.enabledUser('deleter');
    const tokenId = await createToken(kit.orgId, userId, 'gone');
    const keep = await createToken(kit.orgId, userId, 'kept');

    await kit.call(deletePersonalAccessToken, { OrganizationId: kit.orgId, PersonalAccessTokenId: tokenId });
    await kit.call(deletePersonalAccessToken, { OrganizationId: kit.orgId, PersonalAccessTokenId: tokenId });
    await kit.call(deletePersonalAccessToken, { OrganizationId: otherOrg, PersonalAccessTokenId: keep });

    await expect(get(kit.orgId, tokenId)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(get(kit.orgId, keep)).resolves.toMatchObject({ Name: 'kept' });
  });

  it('refuses a UserId that is not an id, names no user of the organization, or a deleted user', async () => {
    const groupLike = await kit.enabledGroup('not-a-user');
    const deleted = await kit.user('deleted-one');
    await kit.call(deleteUser, { OrganizationId: kit.orgId, UserId: deleted });

    await expect(list({ OrganizationId: kit.orgId, UserId: 'someone-by-name' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(list({ OrganizationId: kit.orgId, UserId: groupLike })).rejects.toMatchObject({
      name: 'EntityNotFoundException',
    });
    await expect(list({ OrganizationId: kit.orgId, UserId: deleted })).rejects.toMatchObject({
      name: 'EntityStateException',
    });
  });

  it('validates the token id and the organization', async () => {
    await expect(get(kit.orgId, 'bad id!')).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(get(`m-${'0'.repeat(32)}`, 'f'.repeat(32))).rejects.toMatchObject({
      name: 'OrganizationNotFoundException',
    });
  });

  it('keeps a deregistered user’s tokens, and deletes them with the user', async () => {
    const userId = await kit.enabledUser('leaver');
    const tokenId = await createToken(kit.orgId, userId, 'old laptop');

    await kit.call(deregisterFromWorkMail, { OrganizationId: kit.orgId, EntityId: userId });
    const whileDisabled = await get(kit.orgId, tokenId);
    await kit.call(deleteUser, { OrganizationId: kit.orgId, UserId: userId });

    expect(whileDisabled).toMatchObject({ PersonalAccessTokenId: tokenId });
    await expect(get(kit.orgId, tokenId)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(kit.deps.personalAccessTokens.getToken(tokenId)).resolves.toBeUndefined();
  });
});

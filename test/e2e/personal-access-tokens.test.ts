import {
  CreateOrganizationCommand,
  CreateUserCommand,
  DeletePersonalAccessTokenCommand,
  DeleteUserCommand,
  DeregisterFromWorkMailCommand,
  GetPersonalAccessTokenMetadataCommand,
  InvalidParameterException,
  ListPersonalAccessTokensCommand,
  RegisterToWorkMailCommand,
  ResourceNotFoundException,
  paginateListPersonalAccessTokens,
  type WorkMailClient,
} from '@aws-sdk/client-workmail';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const PASSWORD = 'Correct-horse1';

describe('E2E: personal access tokens through @aws-sdk/client-workmail', () => {
  let mw: TestRuntime;
  let workmail: WorkMailClient;

  beforeAll(async () => {
    mw = await startTestRuntime();
    workmail = mw.workmail();
  });

  afterAll(async () => {
    await mw?.stop();
  });

  /** An organization with one enabled user who has a password. */
  async function organizationWithUser(alias: string) {
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: alias }));
    const { UserId } = await workmail.send(
      new CreateUserCommand({ OrganizationId, Name: 'ana', DisplayName: 'Ana', Password: PASSWORD }),
    );
    const email = `ana@${alias}.mailwright.localhost`;
    await workmail.send(new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: email }));
    return { organizationId: OrganizationId!, userId: UserId!, email };
  }

  /** Signs in as the user with the password, as a front end would, and creates a token. */
  async function createToken(email: string, name: string): Promise<{ tokenId: string; token: string }> {
    const signIn = await mw.userAuth.authenticator.signInWithPassword(email, PASSWORD, {
      sourceAddress: '127.0.0.1',
      protocol: 'JMAP',
    });
    if (!signIn.ok) throw new Error(`sign-in refused: ${signIn.reason}`);
    const created = await mw.userAuth.tokens.create(signIn.user, { name, scopes: ['mail'] });
    if (!created.ok) throw new Error(created.message);
    return { tokenId: created.metadata.tokenId, token: created.token };
  }

  const bearer = (token: string) =>
    mw.userAuth.authenticator.authenticate(`Bearer ${token}`, {
      sourceAddress: '127.0.0.1',
      protocol: 'JMAP',
    });

  it('lists, describes and deletes a user’s tokens; a deleted token no longer signs in', async () => {
    const { organizationId, userId, email } = await organizationWithUser('pat-sdk');
    const laptop = await createToken(email, 'laptop');
    const phone = await createToken(email, 'phone');
    await bearer(laptop.token);

    const listed = await workmail.send(
      new ListPersonalAccessTokensCommand({ OrganizationId: organizationId, UserId: userId }),
    );
    const metadata = await workmail.send(
      new GetPersonalAccessTokenMetadataCommand({
        OrganizationId: organizationId,
        PersonalAccessTokenId: laptop.tokenId,
      }),
    );
    await workmail.send(
      new DeletePersonalAccessTokenCommand({
        OrganizationId: organizationId,
        PersonalAccessTokenId: laptop.tokenId,
      }),
    );

    expect(listed.PersonalAccessTokenSummaries?.map((t) => t.Name).sort()).toEqual(['laptop', 'phone']);
    expect(listed.NextToken).toBeUndefined();
    expect(metadata).toMatchObject({ PersonalAccessTokenId: laptop.tokenId, UserId: userId, Name: 'laptop' });
    expect(metadata.Scopes).toEqual(['mail']);
    expect(metadata.DateCreated).toBeInstanceOf(Date);
    expect(metadata.DateLastUsed).toBeInstanceOf(Date);
    expect(metadata.ExpiresTime!.getTime() - metadata.DateCreated!.getTime()).toBe(365 * 86_400_000);
    await expect(bearer(laptop.token)).resolves.toEqual({ ok: false, reason: 'INVALID_CREDENTIALS' });
    await expect(bearer(phone.token)).resolves.toMatchObject({ ok: true, user: { userId, method: 'token' } });
  });

  it('pages with the SDK paginator, which stops on the last page', async () => {
    const { organizationId, email } = await organizationWithUser('pat-pages');
    for (const name of ['t1', 't2', 't3']) await createToken(email, name);

    const names: string[] = [];
    for await (const page of paginateListPersonalAccessTokens(
      { client: workmail, pageSize: 2 },
      { OrganizationId: organizationId },
    )) {
      names.push(...(page.PersonalAccessTokenSummaries ?? []).map((t) => t.Name!));
    }

    expect(names.sort()).toEqual(['t1', 't2', 't3']);
  });

  it('keeps organizations apart: another organization’s token id is not found, its NextToken invalid', async () => {
    const a = await organizationWithUser('pat-tenant-a');
    const b = await organizationWithUser('pat-tenant-b');
    const token = await createToken(a.email, 'a1');
    await createToken(a.email, 'a2');
    const { NextToken } = await workmail.send(
      new ListPersonalAccessTokensCommand({ OrganizationId: a.organizationId, MaxResults: 1 }),
    );

    const foreign = await workmail
      .send(
        new GetPersonalAccessTokenMetadataCommand({
          OrganizationId: b.organizationId,
          PersonalAccessTokenId: token.tokenId,
        }),
      )
      .catch((error: unknown) => error);
    const replayed = await workmail
      .send(new ListPersonalAccessTokensCommand({ OrganizationId: b.organizationId, NextToken }))
      .catch((error: unknown) => error);
    await workmail.send(
      new DeletePersonalAccessTokenCommand({
        OrganizationId: b.organizationId,
        PersonalAccessTokenId: token.tokenId,
      }),
    );

    expect(foreign).toBeInstanceOf(ResourceNotFoundException);
    expect((foreign as Error).message).not.toContain(a.organizationId);
    expect(replayed).toBeInstanceOf(InvalidParameterException);
    await expect(bearer(token.token)).resolves.toMatchObject({ ok: true });
  });

  it('refuses a disabled user’s token at once, and deleting the user deletes its tokens', async () => {
    const { organizationId, userId, email } = await organizationWithUser('pat-leaver');
    const { tokenId, token } = await createToken(email, 'old laptop');

    await workmail.send(
      new DeregisterFromWorkMailCommand({ OrganizationId: organizationId, EntityId: userId }),
    );
    const disabled = await bearer(token);
    await workmail.send(new DeleteUserCommand({ OrganizationId: organizationId, UserId: userId }));
    const listed = await workmail.send(
      new ListPersonalAccessTokensCommand({ OrganizationId: organizationId }),
    );

    expect(disabled).toEqual({ ok: false, reason: 'USER_DISABLED' });
    expect(listed.PersonalAccessTokenSummaries).toEqual([]);
    await expect(
      workmail.send(
        new GetPersonalAccessTokenMetadataCommand({
          OrganizationId: organizationId,
          PersonalAccessTokenId: tokenId,
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

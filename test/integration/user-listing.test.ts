import { jest } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { listUsers, updateUser } from '../../lambdas/core/api/operations/entities';
import { entityKit, type EntityKit } from './entity-kit';

type Users = { Users: Array<Record<string, unknown>>; NextToken?: string };

describe('Operation: ListUsers', () => {
  let kit: EntityKit;
  const list = (input: object = {}) => kit.call<Users>(listUsers, { OrganizationId: kit.orgId, ...input });

  beforeAll(async () => {
    kit = await entityKit();
    const names = Array.from({ length: 247 }, (_, i) => `user${String(i).padStart(3, '0')}`);
    for (let start = 0; start < names.length; start += 25) {
      await Promise.all(names.slice(start, start + 25).map((name) => kit.user(name)));
    }
    for (const name of ['user000', 'user001', 'user002']) await kit.enabledUser(`${name}x`);
    await kit.call(updateUser, { OrganizationId: kit.orgId, UserId: 'user007', DisplayName: 'Zed Seven' });
  });

  it('pages 250 users with MaxResults 100 into 3 pages of unique users, without NextToken on the last', async () => {
    const pages: Users[] = [];
    let NextToken: string | undefined;
    do {
      const page = await list({ MaxResults: 100, ...(NextToken ? { NextToken } : {}) });
      pages.push(page);
      NextToken = page.NextToken;
    } while (NextToken);
    expect(pages.map((page) => page.Users.length)).toEqual([100, 100, 50]);
    expect(pages[2]).not.toHaveProperty('NextToken');
    expect(new Set(pages.flatMap((page) => page.Users.map((user) => user.Id))).size).toBe(250);
  });

  it('filters by case-sensitive user name prefix', async () => {
    const { Users } = await list({ Filters: { UsernamePrefix: 'user00' } });
    expect(Users.map((user) => user.Name)).toEqual([
      'user000',
      'user000x',
      'user001',
      'user001x',
      'user002',
      'user002x',
      'user003',
      'user004',
      'user005',
      'user006',
      'user007',
      'user008',
      'user009',
    ]);
    await expect(list({ Filters: { UsernamePrefix: 'USER00' } })).resolves.toEqual({ Users: [] });
  });

  it('filters by state, primary e-mail prefix and display name prefix', async () => {
    const enabled = await list({ Filters: { State: 'ENABLED' } });
    expect(enabled.Users.map((user) => user.Name)).toEqual(['user000x', 'user001x', 'user002x']);
    expect(enabled.Users[0]).toMatchObject({
      State: 'ENABLED',
      Email: `user000x@${kit.domain}`,
      UserRole: 'USER',
    });
    const byEmail = await list({ Filters: { PrimaryEmailPrefix: 'user001' } });
    expect(byEmail.Users.map((user) => user.Name)).toEqual(['user001x']);
    const byDisplay = await list({ Filters: { DisplayNamePrefix: 'Zed' } });
    expect(byDisplay.Users.map((user) => user.Name)).toEqual(['user007']);
  });

  it('filters by IAM Identity Center user id prefix, following updates', async () => {
    const idp = (suffix: string) => `0123456789-aaaaaaaa-bbbb-cccc-dddd-${suffix}`;
    const first = await kit.user('idp-first', { IdentityProviderUserId: idp('000000000001') });
    await kit.call(updateUser, {
      OrganizationId: kit.orgId,
      UserId: 'user010',
      IdentityProviderUserId: idp('000000000002'),
    });
    const ids = async () =>
      (await list({ Filters: { IdentityProviderUserIdPrefix: '0123456789-aaaa' } })).Users.map(
        (user) => user.Name,
      );
    await expect(ids()).resolves.toEqual(['idp-first', 'user010']);
    await kit.call(updateUser, { OrganizationId: kit.orgId, UserId: first, IdentityProviderUserId: '' });
    await expect(ids()).resolves.toEqual(['user010']);
  });

  it('refuses two filters, and a token from another listing', async () => {
    await expect(list({ Filters: { UsernamePrefix: 'a', State: 'ENABLED' } })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    const { NextToken } = await list({ MaxResults: 1 });
    await expect(list({ MaxResults: 1, NextToken, Filters: { State: 'DISABLED' } })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('serves each page with one bounded index query, never a scan or filter', async () => {
    const send = jest.spyOn(kit.tables.documents, 'send');
    try {
      for (const Filters of [
        undefined,
        { UsernamePrefix: 'user1' },
        { State: 'DISABLED' },
        { PrimaryEmailPrefix: 'u' },
        { DisplayNamePrefix: 'Z' },
      ]) {
        send.mockClear();
        await list({ MaxResults: 10, ...(Filters ? { Filters } : {}) });
        const queries = send.mock.calls
          .map(([command]) => command)
          .filter((command) => command instanceof QueryCommand);
        expect(queries).toHaveLength(1);
        const { IndexName, Limit, FilterExpression } = (queries[0] as QueryCommand).input;
        expect([IndexName, Limit, FilterExpression]).toEqual([
          expect.stringMatching(/^gsi[1-4]$/),
          10,
          undefined,
        ]);
        expect(send.mock.calls.every(([command]) => command.constructor.name !== 'ScanCommand')).toBe(true);
      }
    } finally {
      send.mockRestore();
    }
  });
});

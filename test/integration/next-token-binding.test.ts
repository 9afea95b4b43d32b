import { DynamoDbAdminKeyStore } from '../../lambdas/adapters/aws/dynamodb-admin-key-store';
import { DynamoDbFlowRuleStore } from '../../lambdas/adapters/aws/dynamodb-flow-rule-store';
import type { ApiDeps } from '../../lambdas/core/api/deps';
import type { Operation, Principal } from '../../lambdas/core/api/operation';
import { listAdminKeys } from '../../lambdas/core/api/operations/admin-keys/list-admin-keys';
import {
  associateDelegateToResource,
  associateMemberToGroup,
  createAlias,
  createGroup,
  createResource,
  createUser,
  listAliases,
  listGroupMembers,
  listGroups,
  listGroupsForEntity,
  listResourceDelegates,
  listResources,
  listUsers,
  registerToWorkMail,
} from '../../lambdas/core/api/operations/entities';
import { createEmailFlowRule, listEmailFlowRules } from '../../lambdas/core/api/operations/flow-rules';
import {
  listMailboxPermissions,
  putMailboxPermissions,
} from '../../lambdas/core/api/operations/mailbox-permissions';
import { listPersonalAccessTokens } from '../../lambdas/core/api/operations/personal-access-tokens';
import {
  listMailDomains,
  listOrganizations,
  registerMailDomain,
} from '../../lambdas/core/api/operations/organizations';
import { AdminKeys } from '../../lambdas/core/auth/admin-keys';
import { PersonalAccessTokens } from '../../lambdas/core/user-auth/personal-access-tokens';
import { TestKeyWrapper } from '../unit/auth/doubles';
import { entityKit, type EntityKit } from './entity-kit';

/** What one organization holds: two of everything a list operation pages through. */
interface World {
  readonly org: string;
  readonly users: readonly [string, string];
  readonly groups: readonly [string, string];
  readonly resources: readonly [string, string];
}

type Input = Record<string, unknown>;
type Replay = readonly [label: string, operation: Operation, input: (a: World, b: World) => Input];

/** A list request of organization A that yields a NextToken, and the requests that must refuse that token. */
interface ListCase {
  readonly operation: Operation;
  readonly request: (a: World) => Input;
  readonly replays: readonly Replay[];
}

const op = (operation: unknown) => operation as Operation;
const inOrg = (operation: unknown, input: (w: World) => Input): Replay => [
  'another organization',
  op(operation),
  (_a, b) => input(b),
];

/** Every paginated list operation that names an organization (ListTagsForResource is not paginated). */
const CASES: Record<string, ListCase> = {
  ListUsers: {
    operation: op(listUsers),
    request: (a) => ({ OrganizationId: a.org }),
    replays: [
      inOrg(listUsers, (b) => ({ OrganizationId: b.org })),
      ['another filter', op(listUsers), (a) => ({ OrganizationId: a.org, Filters: { State: 'ENABLED' } })],
      ['another action', op(listGroups), (a) => ({ OrganizationId: a.org })],
    ],
  },
  ListGroups: {
    operation: op(listGroups),
    request: (a) => ({ OrganizationId: a.org }),
    replays: [
      inOrg(listGroups, (b) => ({ OrganizationId: b.org })),
      ['another filter', op(listGroups), (a) => ({ OrganizationId: a.org, Filters: { NamePrefix: 'g' } })],
      ['another action', op(listResources), (a) => ({ OrganizationId: a.org })],
    ],
  },
  ListResources: {
    operation: op(listResources),
    request: (a) => ({ OrganizationId: a.org }),
    replays: [
      inOrg(listResources, (b) => ({ OrganizationId: b.org })),
      [
        'another filter',
        op(listResources),
        (a) => ({ OrganizationId: a.org, Filters: { State: 'ENABLED' } }),
      ],
      ['another action', op(listUsers), (a) => ({ OrganizationId: a.org })],
    ],
  },
  ListAliases: {
    operation: op(listAliases),
    request: (a) => ({ OrganizationId: a.org, EntityId: a.users[0] }),
    replays: [
      inOrg(listAliases, (b) => ({ OrganizationId: b.org, EntityId: b.users[0] })),
      ['another entity', op(listAliases), (a) => ({ OrganizationId: a.org, EntityId: a.users[1] })],
    ],
  },
  ListGroupMembers: {
    operation: op(listGroupMembers),
    request: (a) => ({ OrganizationId: a.org, GroupId: a.groups[0] }),
    replays: [
      inOrg(listGroupMembers, (b) => ({ OrganizationId: b.org, GroupId: b.groups[0] })),
      ['another group', op(listGroupMembers), (a) => ({ OrganizationId: a.org, GroupId: a.groups[1] })],
    ],
  },
  ListGroupsForEntity: {
    operation: op(listGroupsForEntity),
    request: (a) => ({ OrganizationId: a.org, EntityId: a.users[0] }),
    replays: [
      inOrg(listGroupsForEntity, (b) => ({ OrganizationId: b.org, EntityId: b.users[0] })),
      ['another entity', op(listGroupsForEntity), (a) => ({ OrganizationId: a.org, EntityId: a.users[1] })],
      [
        'another filter',
        op(listGroupsForEntity),
        (a) => ({ OrganizationId: a.org, EntityId: a.users[0], Filters: { GroupNamePrefix: 'g' } }),
      ],
    ],
  },
  ListResourceDelegates: {
    operation: op(listResourceDelegates),
    request: (a) => ({ OrganizationId: a.org, ResourceId: a.resources[0] }),
    replays: [
      inOrg(listResourceDelegates, (b) => ({ OrganizationId: b.org, ResourceId: b.resources[0] })),
      [
        'another resource',
        op(listResourceDelegates),
        (a) => ({ OrganizationId: a.org, ResourceId: a.resources[1] }),
      ],
    ],
  },
  ListMailboxPermissions: {
    operation: op(listMailboxPermissions),
    request: (a) => ({ OrganizationId: a.org, EntityId: a.resources[0] }),
    replays: [
      inOrg(listMailboxPermissions, (b) => ({ OrganizationId: b.org, EntityId: b.resources[0] })),
      [
        'another mailbox',
        op(listMailboxPermissions),
        (a) => ({ OrganizationId: a.org, EntityId: a.resources[1] }),
      ],
      [
        'another action',
        op(listResourceDelegates),
        (a) => ({ OrganizationId: a.org, ResourceId: a.resources[0] }),
      ],
    ],
  },
  ListMailDomains: {
    operation: op(listMailDomains),
    request: (a) => ({ OrganizationId: a.org }),
    replays: [inOrg(listMailDomains, (b) => ({ OrganizationId: b.org }))],
  },
  ListEmailFlowRules: {
    operation: op(listEmailFlowRules),
    request: (a) => ({ OrganizationId: a.org, Direction: 'INBOUND' }),
    replays: [
      inOrg(listEmailFlowRules, (b) => ({ OrganizationId: b.org, Direction: 'INBOUND' })),
      [
        'another direction',
        op(listEmailFlowRules),
        (a) => ({ OrganizationId: a.org, Direction: 'OUTBOUND' }),
      ],
      ['no direction', op(listEmailFlowRules), (a) => ({ OrganizationId: a.org })],
    ],
  },
  ListPersonalAccessTokens: {
    operation: op(listPersonalAccessTokens),
    request: (a) => ({ OrganizationId: a.org }),
    replays: [
      inOrg(listPersonalAccessTokens, (b) => ({ OrganizationId: b.org })),
      ['one user', op(listPersonalAccessTokens), (a) => ({ OrganizationId: a.org, UserId: a.users[0] })],
    ],
  },
  'ListPersonalAccessTokens of a user': {
    operation: op(listPersonalAccessTokens),
    request: (a) => ({ OrganizationId: a.org, UserId: a.users[0] }),
    replays: [
      inOrg(listPersonalAccessTokens, (b) => ({ OrganizationId: b.org, UserId: b.users[0] })),
      ['another user', op(listPersonalAccessTokens), (a) => ({ OrganizationId: a.org, UserId: a.users[1] })],
      ['no user', op(listPersonalAccessTokens), (a) => ({ OrganizationId: a.org })],
    ],
  },
};

describe('NextToken binding', () => {
  let kit: EntityKit;
  let a: World;
  let b: World;

  /**
   * Two users (two aliases and two personal access tokens each), two groups, two resources, mutual memberships,
   * delegates and mailbox permissions, two rules.
   */
  async function populate(org: string, tag: string): Promise<World> {
    const domain = (await kit.deps.organizations.getOrganization(org))!.defaultMailDomain;
    const creators = { user: createUser, group: createGroup, resource: createResource };
    const create = async (kind: keyof typeof creators, name: string): Promise<string> => {
      const made = await kit.call<Record<string, string>>(op(creators[kind]), {
        OrganizationId: org,
        Name: name,
        DisplayName: name,
        ...(kind === 'resource' ? { Type: 'ROOM' } : {}),
      });
      const id = made.UserId ?? made.GroupId ?? made.ResourceId!;
      await kit.call(op(registerToWorkMail), {
        OrganizationId: org,
        EntityId: id,
        Email: `${name}@${domain}`,
      });
      return id;
    };
    const users = [await create('user', `${tag}u1`), await create('user', `${tag}u2`)] as const;
    const groups = [await create('group', `g${tag}1`), await create('group', `g${tag}2`)] as const;
    const resources = [await create('resource', `${tag}r1`), await create('resource', `${tag}r2`)] as const;
    const tokens = new PersonalAccessTokens((kit.deps as ApiDeps).personalAccessTokens);
    for (const user of users) {
      for (const name of ['t1', 't2']) {
        const signedIn = {
          organizationId: org,
          userId: user,
          email: 'x@example.com',
          method: 'password',
        } as const;
        await tokens.create(signedIn, { name, scopes: ['mail'] });
      }
      for (const n of [1, 2]) {
        await kit.call(op(createAlias), {
          OrganizationId: org,
          EntityId: user,
          Alias: `${user}-${n}@${domain}`,
        });
      }
      for (const group of groups) {
        await kit.call(op(associateMemberToGroup), { OrganizationId: org, GroupId: group, MemberId: user });
      }
      for (const resource of resources) {
        await kit.call(op(associateDelegateToResource), {
          OrganizationId: org,
          ResourceId: resource,
          EntityId: user,
        });
        await kit.call(op(putMailboxPermissions), {
          OrganizationId: org,
          EntityId: resource,
          GranteeId: user,
          PermissionValues: ['FULL_ACCESS'],
        });
      }
    }
    for (const Name of ['r1', 'r2']) {
      await kit.call(op(createEmailFlowRule), {
        OrganizationId: org,
        Name,
        Direction: 'INBOUND',
        Action: 'DROP',
        SenderPatterns: ['spam.example'],
        DestinationPatterns: ['*'],
      });
    }
    await kit.call(op(registerMailDomain), { OrganizationId: org, DomainName: `${tag}.example` });
    return { org, users, groups, resources };
  }

  beforeAll(async () => {
    kit = await entityKit((tables) => ({
      flowRules: new DynamoDbFlowRuleStore(tables.documents, tables.directoryTable),
      adminKeys: new AdminKeys(
        new DynamoDbAdminKeyStore(tables.documents, tables.directoryTable),
        new TestKeyWrapper(),
      ),
    }));
    a = await populate(kit.orgId, 'a');
    b = await populate(await kit.newOrganization(), 'b');
  }, 120_000);

  const firstToken = async (operation: Operation, input: Input, principal?: Principal): Promise<string> => {
    const page = await kit.call<{ NextToken?: string }>(operation, { ...input, MaxResults: 1 }, principal);
    expect(page.NextToken).toEqual(expect.any(String));
    return page.NextToken!;
  };
  const refused = {
    name: 'InvalidParameterException',
    message: 'The NextToken is not valid for this request.',
  };

  it.each(Object.entries(CASES))('%s takes back its own NextToken', async (_name, { operation, request }) => {
    const NextToken = await firstToken(operation, request(a));

    await expect(kit.call(operation, { ...request(a), MaxResults: 1, NextToken })).resolves.toBeDefined();
  });

  it.each(
    Object.entries(CASES).flatMap(([name, listCase]) =>
      listCase.replays.map(([label, operation, input]) => [name, label, listCase, operation, input] as const),
    ),
  )('%s refuses its NextToken replayed with %s', async (_name, _label, listCase, operation, input) => {
    const NextToken = await firstToken(listCase.operation, listCase.request(a));

    await expect(kit.call(operation, { ...input(a, b), NextToken })).rejects.toMatchObject(refused);
  });

  describe('ListOrganizations', () => {
    const keyFor = (organizations: readonly string[], id: string): Principal => ({
      accessKeyId: `AKMW${id.padEnd(16, '0')}`,
      organizations,
    });

    it('takes back its NextToken from the same key scope, and refuses it from another scope', async () => {
      const scopedAB = keyFor([a.org, b.org], 'AB');
      const NextToken = await firstToken(op(listOrganizations), {}, scopedAB);

      await expect(
        kit.call(op(listOrganizations), { NextToken }, keyFor([a.org, b.org], 'SAMESCOPE')),
      ).resolves.toBeDefined();
      await expect(
        kit.call(op(listOrganizations), { NextToken }, keyFor([a.org], 'A')),
      ).rejects.toMatchObject(refused);
      await expect(kit.call(op(listOrganizations), { NextToken })).rejects.toMatchObject(refused);
    });
  });

  describe('ListAdminKeys', () => {
    it('refuses a NextToken of another list action, and its own NextToken elsewhere', async () => {
      const deps = kit.deps as ApiDeps;
      await deps.adminKeys.create('*');
      await deps.adminKeys.create([a.org]);
      const own = await firstToken(op(listAdminKeys), {});
      const users = await firstToken(op(listUsers), { OrganizationId: a.org });

      await expect(kit.call(op(listAdminKeys), { NextToken: own })).resolves.toBeDefined();
      await expect(kit.call(op(listAdminKeys), { NextToken: users })).rejects.toMatchObject(refused);
      await expect(kit.call(op(listOrganizations), { NextToken: own })).rejects.toMatchObject(refused);
    });
  });
});

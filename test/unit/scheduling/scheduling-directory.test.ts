import { describe, expect, it } from '@jest/globals';
import type { EntityReference, EntityStore } from '../../../lambdas/core/directory/ports';
import type { Entity } from '../../../lambdas/core/directory/types';
import { schedulingDirectory } from '../../../lambdas/core/scheduling/scheduling-directory';

const ORG = 'm-org';
const entity = (entityId: string, fields: Partial<Entity>): Entity => ({
  organizationId: ORG,
  entityId,
  kind: 'USER',
  name: entityId,
  state: 'ENABLED',
  aliases: [],
  hiddenFromGlobalAddressList: false,
  createdAt: 0,
  ...fields,
});

function directory(
  entities: Entity[],
  delegates: EntityReference[],
  members: Record<string, EntityReference[]>,
) {
  const store: Pick<EntityStore, 'getEntity' | 'listDelegates' | 'listMembers'> = {
    getEntity: async (_org, id) => entities.find((each) => each.entityId === id),
    // Two pages, so that every page is read.
    listDelegates: async (_org, _resource, request) =>
      request.cursor
        ? { items: delegates.slice(1) }
        : { items: delegates.slice(0, 1), ...(delegates.length > 1 ? { cursor: { page: 2 } } : {}) },
    listMembers: async (_org, groupId) => members[groupId] ?? [],
  };
  return schedulingDirectory(store);
}

describe('Scheduling: the directory as booking reads it', () => {
  it("gives a resource WorkMail's default booking options when it never set any", async () => {
    const lookup = directory([entity('r-1', { kind: 'RESOURCE', email: 'Room@Example.com' })], [], {});

    expect(await lookup.mailbox(ORG, 'r-1')).toEqual({
      kind: 'RESOURCE',
      enabled: true,
      email: 'room@example.com',
      aliases: [],
      bookingOptions: {
        AutoAcceptRequests: true,
        AutoDeclineRecurringRequests: false,
        AutoDeclineConflictingRequests: true,
      },
    });
  });

  it('knows users with their aliases and no booking options, and no groups', async () => {
    const lookup = directory(
      [
        entity('u-1', { email: 'ana@example.com', aliases: ['A@example.com'] }),
        entity('g-1', { kind: 'GROUP', email: 'team@example.com' }),
      ],
      [],
      {},
    );

    expect(await lookup.mailbox(ORG, 'u-1')).toEqual({
      kind: 'USER',
      enabled: true,
      email: 'ana@example.com',
      aliases: ['a@example.com'],
    });
    expect(await lookup.mailbox(ORG, 'g-1')).toBeUndefined();
    expect(await lookup.mailbox(ORG, 'nobody')).toBeUndefined();
  });

  it("lists delegates' addresses, groups expanded to enabled members once, disabled ones left out", async () => {
    const lookup = directory(
      [
        entity('u-pat', { email: 'pat@example.com' }),
        entity('u-kim', { email: 'kim@example.com' }),
        entity('u-off', { email: 'off@example.com', state: 'DISABLED' }),
        entity('g-desk', { kind: 'GROUP' }),
      ],
      [
        { entityId: 'u-pat', kind: 'USER' },
        { entityId: 'g-desk', kind: 'GROUP' },
      ],
      {
        'g-desk': [
          { entityId: 'u-kim', kind: 'USER' },
          { entityId: 'u-off', kind: 'USER' },
          { entityId: 'u-pat', kind: 'USER' },
          { entityId: 'g-desk', kind: 'GROUP' },
        ],
      },
    );

    expect(await lookup.delegateAddresses(ORG, 'r-1')).toEqual(['pat@example.com', 'kim@example.com']);
  });
});

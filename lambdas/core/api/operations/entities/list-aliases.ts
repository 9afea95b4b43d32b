import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { EmailAddress, MaxResults, NextToken, OrganizationId, WorkMailIdentifier } from '../../shapes';
import { entityIn, listBinding } from './entity-context';

/** ListAliases: one page of an entity's aliases. */
export const listAliases = defineOperation({
  name: 'ListAliases',
  service: 'WorkMailService',
  summary: 'Lists the aliases of an entity.',
  input: Type.Object({
    OrganizationId,
    EntityId: WorkMailIdentifier,
    NextToken: Type.Optional(NextToken),
    MaxResults: Type.Optional(MaxResults),
  }),
  output: Type.Object({
    Aliases: Type.Optional(Type.Array(EmailAddress)),
    NextToken: Type.Optional(NextToken),
  }),
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/entities/{EntityId}/aliases' },
  mutating: false,
  handle: async (input, ctx) => {
    const entity = await entityIn(ctx, input.OrganizationId, input.EntityId, {
      forms: 'id',
      field: 'EntityId',
    });
    if (entity.state === 'DELETED') throw new EntityStateException('The entity is deleted.');
    const binding = listBinding('ListAliases', input.OrganizationId, entity.entityId);
    const page = await listPage(ctx.deps.pageTokens, binding, input, (request) =>
      ctx.deps.entities.listAliases(input.OrganizationId, entity.entityId, request),
    );
    return { Aliases: page.items, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
  },
});

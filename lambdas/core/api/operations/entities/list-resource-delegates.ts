import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { EntityIdentifier, MaxResults, MemberType, NextToken, OrganizationId } from '../../shapes';
import { resourceIn, listBinding } from './entity-context';

/** ListResourceDelegates: one page of a resource's delegates. */
export const listResourceDelegates = defineOperation({
  name: 'ListResourceDelegates',
  service: 'WorkMailService',
  summary: 'Lists the delegates of a resource.',
  input: Type.Object({
    OrganizationId,
    ResourceId: EntityIdentifier,
    NextToken: Type.Optional(NextToken),
    MaxResults: Type.Optional(MaxResults),
  }),
  output: Type.Object({
    Delegates: Type.Optional(
      Type.Array(Type.Object({ Id: Type.String({ maxLength: 256 }), Type: MemberType })),
    ),
    NextToken: Type.Optional(NextToken),
  }),
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/resources/{ResourceId}/delegates' },
  mutating: false,
  handle: async (input, ctx) => {
    const { OrganizationId: organizationId } = input;
    const resource = await resourceIn(ctx, organizationId, input.ResourceId);
    if (resource.state === 'DELETED') throw new EntityStateException('The resource is deleted.');
    const binding = listBinding('ListResourceDelegates', organizationId, resource.entityId);
    const page = await listPage(ctx.deps.pageTokens, binding, input, (request) =>
      ctx.deps.entities.listDelegates(organizationId, resource.entityId, request),
    );
    return {
      Delegates: page.items.map((delegate) => ({
        Id: delegate.entityId,
        Type: delegate.kind === 'GROUP' ? ('GROUP' as const) : ('USER' as const),
      })),
      ...(page.NextToken ? { NextToken: page.NextToken } : {}),
    };
  },
});

import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { EntityIdentifier, MaxResults, NextToken, OrganizationId } from '../../shapes';
import type { Entity } from '../../../directory/types';
import { groupIn, listBinding } from './entity-context';
import { MemberShape } from './entity-shapes';
import { toMember } from './entity-views';

/** ListGroupMembers: one page of a group's direct members. */
export const listGroupMembers = defineOperation({
  name: 'ListGroupMembers',
  service: 'WorkMailService',
  summary: 'Lists the direct members of a group.',
  input: Type.Object({
    OrganizationId,
    GroupId: EntityIdentifier,
    NextToken: Type.Optional(NextToken),
    MaxResults: Type.Optional(MaxResults),
  }),
  output: Type.Object({
    Members: Type.Optional(Type.Array(MemberShape)),
    NextToken: Type.Optional(NextToken),
  }),
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/groups/{GroupId}/members' },
  mutating: false,
  handle: async (input, ctx) => {
    const { OrganizationId: organizationId } = input;
    const group = await groupIn(ctx, organizationId, input.GroupId);
    if (group.state === 'DELETED') throw new EntityStateException('The group is deleted.');
    const binding = listBinding('ListGroupMembers', organizationId, group.entityId);
    const page = await listPage(ctx.deps.pageTokens, binding, input, (request) =>
      ctx.deps.entities.listMembersPage(organizationId, group.entityId, request),
    );
    const members = await Promise.all(
      page.items.map((member) => ctx.deps.entities.getEntity(organizationId, member.entityId)),
    );
    return {
      Members: members.filter((member): member is Entity => member !== undefined).map(toMember),
      ...(page.NextToken ? { NextToken: page.NextToken } : {}),
    };
  },
});

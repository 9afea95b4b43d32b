import { Type } from '@sinclair/typebox';
import { EntityNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import {
  EntityIdentifier,
  MaxResults,
  MemberType,
  NextToken,
  OrganizationId,
  PermissionType,
  WorkMailIdentifier,
} from '../../shapes';
import { entityIn, listBinding } from '../entities/entity-context';

/**
 * ListMailboxPermissions: one page of the grantees of a mailbox, ordered by grantee id. Resources are reported as
 * `USER` (GranteeType has no RESOURCE). The model lists no EntityStateException here: a deleted entity is not found.
 */
export const listMailboxPermissions = defineOperation({
  name: 'ListMailboxPermissions',
  service: 'WorkMailService',
  summary: 'Lists the grantees of the mailbox of a user, group or resource, and their permissions.',
  input: Type.Object({
    OrganizationId,
    EntityId: EntityIdentifier,
    NextToken: Type.Optional(NextToken),
    MaxResults: Type.Optional(MaxResults),
  }),
  output: Type.Object({
    Permissions: Type.Optional(
      Type.Array(
        Type.Object({
          GranteeId: WorkMailIdentifier,
          GranteeType: MemberType,
          PermissionValues: Type.Array(PermissionType),
        }),
      ),
    ),
    NextToken: Type.Optional(NextToken),
  }),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/entities/{EntityId}/permissions' },
  mutating: false,
  handle: async (input, ctx) => {
    const { OrganizationId: organizationId } = input;
    const mailbox = await entityIn(ctx, organizationId, input.EntityId, {
      forms: 'id|name|email',
      field: 'EntityId',
    });
    if (mailbox.state === 'DELETED')
      throw new EntityNotFoundException(`No entity ${input.EntityId} in the organization.`);
    const binding = listBinding('ListMailboxPermissions', organizationId, mailbox.entityId);
    const page = await listPage(ctx.deps.pageTokens, binding, input, (request) =>
      ctx.deps.mailboxPermissions.listPermissions(organizationId, mailbox.entityId, request),
    );
    return {
      Permissions: page.items.map((permission) => ({
        GranteeId: permission.granteeId,
        GranteeType: permission.granteeKind === 'GROUP' ? ('GROUP' as const) : ('USER' as const),
        PermissionValues: [...permission.values],
      })),
      ...(page.NextToken ? { NextToken: page.NextToken } : {}),
    };
  },
});

import { Type } from '@sinclair/typebox';
import { EntityNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { EmailAddress, EntityType, OrganizationId, WorkMailIdentifier } from '../../shapes';
import { requireOrganization } from '../../../directory/guards';

/** DescribeEntity: which user, group or resource an address (primary or alias) belongs to. */
export const describeEntity = defineOperation({
  name: 'DescribeEntity',
  service: 'WorkMailService',
  summary: 'Finds the user, group or resource that holds an e-mail address.',
  input: Type.Object({ OrganizationId, Email: EmailAddress }),
  output: Type.Object({
    EntityId: Type.Optional(WorkMailIdentifier),
    Name: Type.Optional(Type.String({ maxLength: 256 })),
    Type: Type.Optional(EntityType),
  }),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/addresses/{Email}' },
  mutating: false,
  handle: async (input, ctx) => {
    await requireOrganization(ctx.deps, input.OrganizationId);
    const entity = await ctx.deps.entities.findByEmail(input.OrganizationId, input.Email);
    if (!entity) throw new EntityNotFoundException(`No entity has the address ${input.Email}.`);
    return { EntityId: entity.entityId, Name: entity.name, Type: entity.kind };
  },
});

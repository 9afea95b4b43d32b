import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { EmailAddress, OrganizationId, WorkMailIdentifier } from '../../shapes';
import { HARD_QUOTAS } from '../../../config/quotas';
import { assertAddressAllowed } from '../../../directory/entities';
import { requireUsableDomain } from '../../../directory/guards';
import { entityIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/** CreateAlias: adds an alias address to an enabled user, group or resource (at most 100). */
export const createAlias = defineOperation({
  name: 'CreateAlias',
  service: 'WorkMailService',
  summary: 'Adds an alias address to an entity.',
  input: Type.Object({ OrganizationId, EntityId: WorkMailIdentifier, Alias: EmailAddress }),
  output: NoOutput,
  errors: [
    'EmailAddressInUseException',
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'LimitExceededException',
    'MailDomainNotFoundException',
    'MailDomainStateException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ReservedNameException',
  ],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/entities/{EntityId}/aliases' },
  mutating: true,
  handle: async (input, ctx) => {
    const entity = await entityIn(ctx, input.OrganizationId, input.EntityId, {
      forms: 'id',
      field: 'EntityId',
    });
    if (entity.state !== 'ENABLED')
      throw new EntityStateException('Aliases can only be added to an enabled entity.');
    assertAddressAllowed(input.Alias);
    await requireUsableDomain(ctx.deps, input.OrganizationId, input.Alias);
    await ctx.deps.entities.addAlias(
      input.OrganizationId,
      entity.entityId,
      input.Alias,
      HARD_QUOTAS.aliasesPerUser,
    );
    return {};
  },
});

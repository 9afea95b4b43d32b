import { Type } from '@sinclair/typebox';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { EmailAddress, EntityIdentifier, OrganizationId } from '../../shapes';
import { HARD_QUOTAS } from '../../../config/quotas';
import { sameAddress } from '../../../directory/addresses';
import { assertAddressAllowed } from '../../../directory/entities';
import { requireUsableDomain } from '../../../directory/guards';
import { entityIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/** UpdatePrimaryEmailAddress: promotes an address to primary; the old primary becomes an alias (swapped if an alias). */
export const updatePrimaryEmailAddress = defineOperation({
  name: 'UpdatePrimaryEmailAddress',
  service: 'WorkMailService',
  summary: 'Makes an address the primary address of an entity; the old primary becomes an alias.',
  input: Type.Object({ OrganizationId, EntityId: EntityIdentifier, Email: EmailAddress }),
  output: NoOutput,
  errors: [
    'EmailAddressInUseException',
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'MailDomainNotFoundException',
    'MailDomainStateException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ReservedNameException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/entities/{EntityId}/primary-email' },
  mutating: true,
  handle: async (input, ctx) => {
    const entity = await entityIn(ctx, input.OrganizationId, input.EntityId, {
      forms: 'id|name|email',
      field: 'EntityId',
    });
    if (entity.state !== 'ENABLED')
      throw new EntityStateException('Only an enabled entity has a primary address.');
    if (sameAddress(entity.email, input.Email)) return {};
    assertAddressAllowed(input.Email);
    await requireUsableDomain(ctx.deps, input.OrganizationId, input.Email);
    await ctx.deps.entities.setPrimaryEmail(
      input.OrganizationId,
      entity.entityId,
      input.Email,
      HARD_QUOTAS.aliasesPerUser,
    );
    return {};
  },
});

import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { DomainName, OrganizationId } from '../../shapes';

/** WorkMailService.DeleteAvailabilityConfiguration: idempotent, like WorkMail's other deletes. */
export const deleteAvailabilityConfiguration = defineOperation({
  name: 'DeleteAvailabilityConfiguration',
  service: 'WorkMailService',
  summary: "Deletes a domain's availability configuration; deleting one that does not exist succeeds.",
  input: Type.Object({ OrganizationId, DomainName }),
  output: Type.Object({}),
  errors: ['OrganizationNotFoundException', 'OrganizationStateException'],
  route: {
    method: 'DELETE',
    path: '/organizations/{OrganizationId}/availability-configurations/{DomainName}',
  },
  mutating: true,
  handle: async (input, ctx) => {
    await requireOrganization(ctx.deps, input.OrganizationId);
    await ctx.deps.availability.configurations.delete(input.OrganizationId, input.DomainName.toLowerCase());
    return {};
  },
});

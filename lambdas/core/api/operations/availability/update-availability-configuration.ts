import { Type } from '@sinclair/typebox';
import { updateConfiguration } from '../../../availability/configurations';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { DomainName, OrganizationId } from '../../shapes';
import { EwsAvailabilityProvider, LambdaAvailabilityProvider, providerInput, refusalError } from './shapes';

/** WorkMailService.UpdateAvailabilityConfiguration: replaces a domain's provider (the type may change). */
export const updateAvailabilityConfiguration = defineOperation({
  name: 'UpdateAvailabilityConfiguration',
  service: 'WorkMailService',
  summary: "Replaces the provider of a domain's availability configuration.",
  input: Type.Object({
    OrganizationId,
    DomainName,
    EwsProvider: Type.Optional(EwsAvailabilityProvider),
    LambdaProvider: Type.Optional(LambdaAvailabilityProvider),
  }),
  output: Type.Object({}),
  errors: [
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ResourceNotFoundException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/availability-configurations/{DomainName}' },
  mutating: true,
  handle: async (input, ctx) => {
    await requireOrganization(ctx.deps, input.OrganizationId);
    const result = await updateConfiguration(
      ctx.deps.availability.configurations,
      input.OrganizationId,
      input.DomainName,
      providerInput(input),
      { now: ctx.deps.clock().getTime(), accountId: ctx.deps.settings.accountId },
    );
    if (!result.ok) throw refusalError(result.refusal);
    return {};
  },
});

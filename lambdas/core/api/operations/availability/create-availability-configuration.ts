import { Type } from '@sinclair/typebox';
import { createConfiguration } from '../../../availability/configurations';
import { withClientToken } from '../../../directory/client-tokens';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { ClientToken, DomainName, OrganizationId } from '../../shapes';
import { EwsAvailabilityProvider, LambdaAvailabilityProvider, providerInput, refusalError } from './shapes';

/** WorkMailService.CreateAvailabilityConfiguration: a provider of free/busy for one external domain. */
export const createAvailabilityConfiguration = defineOperation({
  name: 'CreateAvailabilityConfiguration',
  service: 'WorkMailService',
  summary: 'Creates the availability configuration of a domain: exactly one EWS or Lambda provider.',
  input: Type.Object({
    ClientToken: Type.Optional(ClientToken),
    OrganizationId,
    DomainName,
    EwsProvider: Type.Optional(EwsAvailabilityProvider),
    LambdaProvider: Type.Optional(LambdaAvailabilityProvider),
  }),
  output: Type.Object({}),
  errors: [
    'InvalidParameterException',
    'LimitExceededException',
    'NameAvailabilityException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/availability-configurations' },
  mutating: true,
  handle: async (input, ctx) =>
    withClientToken(ctx.deps, 'CreateAvailabilityConfiguration', input, async () => {
      await requireOrganization(ctx.deps, input.OrganizationId);
      const result = await createConfiguration(
        ctx.deps.availability.configurations,
        input.OrganizationId,
        input.DomainName,
        providerInput(input),
        { now: ctx.deps.clock().getTime(), accountId: ctx.deps.settings.accountId },
      );
      if (!result.ok) throw refusalError(result.refusal);
      return {};
    }),
});

import { Type } from '@sinclair/typebox';
import { providerOf } from '../../../availability/configurations';
import { requireOrganization } from '../../../directory/guards';
import { InvalidParameterException } from '../../errors';
import { defineOperation } from '../../operation';
import { DomainName, OrganizationId } from '../../shapes';
import { EwsAvailabilityProvider, LambdaAvailabilityProvider, providerInput, refusalError } from './shapes';

/**
 * WorkMailService.TestAvailabilityConfiguration: tests the stored provider of `DomainName`, or one inline provider
 * (availability.md §4).
 */
export const testAvailabilityConfiguration = defineOperation({
  name: 'TestAvailabilityConfiguration',
  service: 'WorkMailService',
  summary: 'Tests a stored or inline availability provider: EWS credentials log in, a Lambda can be invoked.',
  input: Type.Object({
    OrganizationId,
    DomainName: Type.Optional(DomainName),
    EwsProvider: Type.Optional(EwsAvailabilityProvider),
    LambdaProvider: Type.Optional(LambdaAvailabilityProvider),
  }),
  output: Type.Object({ TestPassed: Type.Boolean(), FailureReason: Type.Optional(Type.String()) }),
  errors: [
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ResourceNotFoundException',
  ],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/availability-configurations/test' },
  mutating: false,
  handle: async (input, ctx) => {
    await requireOrganization(ctx.deps, input.OrganizationId);
    const inline = providerInput(input);
    const hasInline = inline.ews !== undefined || inline.lambdaArn !== undefined;
    if ((input.DomainName === undefined) === !hasInline) {
      throw new InvalidParameterException(
        'Give either DomainName or exactly one provider definition (EwsProvider or LambdaProvider).',
      );
    }
    let provider;
    if (input.DomainName !== undefined) {
      const domainName = input.DomainName.toLowerCase();
      const stored = await ctx.deps.availability.configurations.get(input.OrganizationId, domainName);
      if (!stored) throw refusalError({ type: 'notFound', domainName });
      provider = stored.provider;
    } else {
      const result = providerOf(inline, ctx.deps.settings.accountId);
      if (!result.ok) throw refusalError(result.refusal);
      provider = result.value;
    }
    const outcome = await ctx.deps.availability.testProvider(input.OrganizationId, provider);
    return outcome.passed
      ? { TestPassed: true }
      : { TestPassed: false, FailureReason: outcome.failureReason };
  },
});

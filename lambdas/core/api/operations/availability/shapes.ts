import { Type, type Static } from '@sinclair/typebox';
import type { ProviderInput } from '../../../availability/configurations';
import type { AvailabilityConfiguration, AvailabilityRefusal } from '../../../availability/types';
import {
  EntityNotFoundException,
  InvalidParameterException,
  LimitExceededException,
  NameAvailabilityException,
  ResourceNotFoundException,
} from '../../errors';
import { pattern, Timestamp, toTimestamp } from '../../shapes';

/** Shapes of the availability configuration operations (availability.md §2.5, §3.1, §4). */

export const EwsAvailabilityProvider = Type.Object({
  EwsEndpoint: pattern('https?://[A-Za-z0-9.-]+(:[0-9]+)?/.*', { maxLength: 256 }),
  EwsUsername: pattern('[\\u0020-\\u00FF]+', { maxLength: 256 }),
  EwsPassword: pattern('[\\u0020-\\u00FF]+', { maxLength: 256 }),
});
export const LambdaAvailabilityProvider = Type.Object({
  LambdaArn: pattern(
    'arn:aws:lambda:[a-z]{2}-[a-z]+-\\d{1}:\\d{12}:function:[a-zA-Z0-9\\-_\\.]+(:(\\$LATEST|[a-zA-Z0-9\\-_]+))?',
    { minLength: 49, maxLength: 256 },
  ),
});
export const ProviderType = Type.Union([Type.Literal('EWS'), Type.Literal('LAMBDA')]);

/** The list item: the EWS provider redacted (no password). */
export const AvailabilityConfigurationShape = Type.Object({
  DomainName: Type.String(),
  ProviderType,
  EwsProvider: Type.Optional(Type.Object({ EwsEndpoint: Type.String(), EwsUsername: Type.String() })),
  LambdaProvider: Type.Optional(Type.Object({ LambdaArn: Type.String() })),
  DateCreated: Timestamp,
  DateModified: Timestamp,
});

/** The provider members of a request, as core takes them. */
export function providerInput(input: {
  readonly EwsProvider?: Static<typeof EwsAvailabilityProvider>;
  readonly LambdaProvider?: Static<typeof LambdaAvailabilityProvider>;
}): ProviderInput {
  return {
    ...(input.EwsProvider
      ? {
          ews: {
            endpoint: input.EwsProvider.EwsEndpoint,
            username: input.EwsProvider.EwsUsername,
            password: input.EwsProvider.EwsPassword,
          },
        }
      : {}),
    ...(input.LambdaProvider ? { lambdaArn: input.LambdaProvider.LambdaArn } : {}),
  };
}

/** The wire form of a stored configuration: never the password. */
export function toWire(
  configuration: AvailabilityConfiguration,
): Static<typeof AvailabilityConfigurationShape> {
  const { provider } = configuration;
  return {
    DomainName: configuration.domainName,
    ProviderType: provider.type,
    ...(provider.type === 'EWS'
      ? { EwsProvider: { EwsEndpoint: provider.ewsEndpoint, EwsUsername: provider.ewsUsername } }
      : { LambdaProvider: { LambdaArn: provider.lambdaArn } }),
    DateCreated: toTimestamp(configuration.createdAt),
    DateModified: toTimestamp(configuration.modifiedAt),
  };
}

/**
 * The one table from availability refusals to WorkMail exceptions.
 * @example
 * if (!result.ok) throw refusalError(result.refusal);
 */
export function refusalError(refusal: AvailabilityRefusal): Error {
  switch (refusal.type) {
    case 'providerCount':
      return new InvalidParameterException(
        'The request must contain exactly one provider definition, either EwsProvider or LambdaProvider.',
      );
    case 'foreignAccount':
      return new InvalidParameterException(
        `The Lambda function must be in this deployment's account (${refusal.accountId}); any Region may be used.`,
      );
    case 'domainTaken':
      return new NameAvailabilityException(
        `An availability configuration for ${refusal.domainName} already exists.`,
      );
    case 'limitReached':
      return new LimitExceededException(
        `An organization can have at most ${refusal.limit} availability configurations.`,
      );
    case 'notFound':
      return new ResourceNotFoundException(
        `There is no availability configuration for ${refusal.domainName}.`,
      );
    case 'windowInvalid':
      return new InvalidParameterException('EndTime must be after StartTime.');
    case 'windowTooLong':
      return new InvalidParameterException(`The window can span at most ${refusal.maxDays} days.`);
    case 'tooManyMailboxes':
      return new InvalidParameterException(`At most ${refusal.max} mailboxes can be queried at once.`);
  }
}

/** The requester of GetAvailability is not an enabled user of the organization. */
export function requesterNotFound(): Error {
  return new EntityNotFoundException();
}

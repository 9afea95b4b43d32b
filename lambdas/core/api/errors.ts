/**
 * Errors that cross the API. Each class is named exactly like the WorkMail exception it stands for, so a
 * transport writes `__type = error.name` and never needs its own table of names.
 */

/** Base of every error a client may see; `statusCode` is the HTTP status of the JSON protocol. */
export class ServiceException extends Error {
  readonly statusCode: number;
  constructor(name: string, message: string, options?: ErrorOptions & { statusCode?: number }) {
    super(message, options);
    this.name = name;
    this.statusCode = options?.statusCode ?? 400;
  }
}

/** Defines one WorkMail exception class whose default message is `defaultMessage`. */
function exception(name: string, defaultMessage: string, statusCode = 400) {
  return class extends ServiceException {
    constructor(message: string = defaultMessage, options?: ErrorOptions) {
      super(name, message, { ...options, statusCode });
    }
  };
}

/** The address already belongs to another user, group, resource or alias. */
export class EmailAddressInUseException extends exception(
  'EmailAddressInUseException',
  'The email address is already in use.',
) {}
/** The entity is already registered (enabled). */
export class EntityAlreadyRegisteredException extends exception(
  'EntityAlreadyRegisteredException',
  'The user, group, or resource is already registered.',
) {}
/** No such user, group or resource in the organization. */
export class EntityNotFoundException extends exception(
  'EntityNotFoundException',
  'The identifier supplied for the user, group, or resource does not exist in your organization.',
) {}
/** The entity is in the wrong state for the call (e.g. deleting an enabled user). */
export class EntityStateException extends exception(
  'EntityStateException',
  "You are performing an operation on a user, group, or resource that isn't in the expected state.",
) {}
/** A resource would have neither auto-accept nor a delegate. */
export class InvalidConfigurationException extends exception(
  'InvalidConfigurationException',
  "The configuration for a resource isn't valid.",
) {}
/** Input violates the service's constraints. */
export class InvalidParameterException extends exception(
  'InvalidParameterException',
  "One or more of the input parameters don't match the service's restrictions.",
) {}
/** The password fails the directory's password policy. */
export class InvalidPasswordException extends exception(
  'InvalidPasswordException',
  "The supplied password doesn't match the minimum security constraints, such as length or use of special characters.",
) {}
/** A quota would be exceeded. */
export class LimitExceededException extends exception(
  'LimitExceededException',
  'The request exceeds the limit of the resource.',
) {}
/** The domain is still used by entities, or belongs to another organization. */
export class MailDomainInUseException extends exception(
  'MailDomainInUseException',
  "The domain you're trying to change is in use by another user or organization in your account.",
) {}
/** The domain is not registered in the organization. */
export class MailDomainNotFoundException extends exception(
  'MailDomainNotFoundException',
  'The domain specified is not found in your organization.',
) {}
/** The domain is not verified yet. */
export class MailDomainStateException extends exception(
  'MailDomainStateException',
  'After a domain has been added to the organization, it must be verified. The domain is not yet verified.',
) {}
/** The entity or configuration name is not unique. */
export class NameAvailabilityException extends exception(
  'NameAvailabilityException',
  "The user, group, or resource name isn't unique in Amazon WorkMail.",
) {}
/** The organization id is well-formed but unknown, or not visible to the caller. */
export class OrganizationNotFoundException extends exception(
  'OrganizationNotFoundException',
  "An operation received a valid organization identifier that either doesn't belong or exist in the system.",
) {}
/** The organization is not in a state that allows the operation. */
export class OrganizationStateException extends exception(
  'OrganizationStateException',
  'The organization must have a valid state to perform certain operations on the organization or its members.',
) {}
/** The name is reserved. */
export class ReservedNameException extends exception(
  'ReservedNameException',
  'This user, group, or resource name is not allowed in Amazon WorkMail.',
) {}
/** A named sub-resource is missing. */
export class ResourceNotFoundException extends exception(
  'ResourceNotFoundException',
  'The resource cannot be found.',
) {}
/** More than 50 tags. */
export class TooManyTagsException extends exception(
  'TooManyTagsException',
  'The resource can have up to 50 user-applied tags.',
) {}
/** The operation is not supported (e.g. a write against a read-only directory). */
export class UnsupportedOperationException extends exception(
  'UnsupportedOperationException',
  "You can't perform a write operation against a read-only directory.",
) {}
/** The directory is unreachable, deleted, or not one this deployment can use. */
export class DirectoryUnavailableException extends exception(
  'DirectoryUnavailableException',
  'The directory is unavailable. It might be located in another Region or deleted.',
) {}

// Errors common to all AWS APIs.
/** The action named in X-Amz-Target does not exist. */
export class InvalidAction extends exception(
  'InvalidAction',
  'The action or operation requested is invalid.',
) {}
/** The request is not signed, or the signature is malformed. */
export class IncompleteSignature extends exception(
  'IncompleteSignature',
  'The request signature does not conform to AWS standards.',
  403,
) {}
/** The access key id is unknown or revoked. */
export class InvalidClientTokenId extends exception(
  'InvalidClientTokenId',
  'The security token included in the request is invalid.',
  403,
) {}
/** The signature does not match. */
export class SignatureDoesNotMatch extends exception(
  'SignatureDoesNotMatch',
  'The request signature we calculated does not match the signature you provided.',
  403,
) {}
/** The request is more than 15 minutes away from the server clock. */
export class RequestExpired extends exception(
  'RequestExpired',
  'The request has expired: its timestamp is more than 15 minutes from the server time.',
  403,
) {}
/** The caller's key may not use this action or organization. */
export class AccessDeniedException extends exception(
  'AccessDeniedException',
  'You do not have sufficient access to perform this action.',
  403,
) {}
/** The body is not valid JSON of the expected shape. */
export class SerializationException extends exception(
  'SerializationException',
  'The request body could not be parsed as JSON.',
) {}

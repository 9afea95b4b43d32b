import { Type, type TSchema, type TString, type StringOptions } from '@sinclair/typebox';

/**
 * Reusable field shapes of the WorkMail API (api-operations.md §3). Patterns are anchored: AWS matches the
 * whole value. Every exported shape is a JSON Schema, so the OpenAPI document is generated from these directly.
 */

/** A string field whose pattern must match the whole value. */
export function pattern(source: string, options: StringOptions = {}): TString {
  const anchored = `^(?:${source.replace(/^\^/, '').replace(/\$$/, '')})$`;
  return Type.String({ ...options, pattern: anchored });
}

export const OrganizationId = pattern('m-[0-9a-f]{32}', {
  minLength: 34,
  maxLength: 34,
  description: 'Organization id: m- and 32 hex digits',
});
export const EntityIdentifier = pattern('[a-zA-Z0-9._%+@-]+', {
  minLength: 1,
  maxLength: 256,
  description: 'An id, a name or an e-mail address',
});
export const WorkMailIdentifier = Type.String({ minLength: 12, maxLength: 256, description: 'An entity id' });
export const ResourceId = pattern('r-[0-9a-f]{32}', { minLength: 34, maxLength: 34 });
export const EmailAddress = pattern('[a-zA-Z0-9._%+-]{1,64}@[a-zA-Z0-9.-]+\\.[a-zA-Z-]{2,}', {
  minLength: 1,
  maxLength: 254,
});
export const UserName = pattern('[\\w\\-.]+(@[a-zA-Z0-9.\\-]+\\.[a-zA-Z0-9-]{2,})?', {
  minLength: 1,
  maxLength: 64,
});
export const ResourceName = pattern('[\\w\\-.]+(@[a-zA-Z0-9.\\-]+\\.[a-zA-Z0-9-]{2,})?', {
  minLength: 1,
  maxLength: 20,
});
export const GroupName = pattern('[\\u0020-\\u00FF]+', { minLength: 1, maxLength: 256 });
export const OrganizationAlias = pattern('(?!d-)([\\da-zA-Z]+)([-][\\da-zA-Z]+)*', {
  minLength: 1,
  maxLength: 62,
});
export const DirectoryId = pattern('d-[0-9a-f]{10}', { minLength: 12, maxLength: 12 });
export const MailDomainName = pattern('[a-zA-Z0-9.-]+', { minLength: 3, maxLength: 209 });
export const DomainName = pattern('[a-zA-Z0-9.-]+', { minLength: 3, maxLength: 255 });
export const ClientToken = pattern('[\\x21-\\x7e]+', { minLength: 1, maxLength: 128 });
export const NextToken = Type.String({ minLength: 1, maxLength: 1024 });
export const MaxResults = Type.Integer({ minimum: 1, maximum: 100 });
export const Password = pattern('[\\u0020-\\u00FF]+', { maxLength: 256 });
export const UserAttribute = Type.String({ maxLength: 256 });
export const KmsKeyArn = pattern(
  'arn:aws:kms:[a-z0-9-]*:[a-z0-9-]+:[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,1023}',
  { minLength: 20, maxLength: 2048 },
);
export const WorkMailArn = pattern(
  'arn:aws:workmail:[a-z0-9-]*:[a-z0-9-]+:[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,1023}',
  { minLength: 1, maxLength: 1011 },
);
export const IdentityProviderUserId = pattern(
  '([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}',
  { minLength: 1, maxLength: 47 },
);
/** Epoch seconds with fractions, the awsJson timestamp. */
export const Timestamp = Type.Number({ description: 'Epoch seconds' });

export const EntityState = Type.Union([
  Type.Literal('ENABLED'),
  Type.Literal('DISABLED'),
  Type.Literal('DELETED'),
]);
export const UserRole = Type.Union([
  Type.Literal('USER'),
  Type.Literal('RESOURCE'),
  Type.Literal('SYSTEM_USER'),
  Type.Literal('REMOTE_USER'),
]);
export const EntityType = Type.Union([Type.Literal('GROUP'), Type.Literal('USER'), Type.Literal('RESOURCE')]);
export const MemberType = Type.Union([Type.Literal('GROUP'), Type.Literal('USER')]);
export const PermissionType = Type.Union([
  Type.Literal('FULL_ACCESS'),
  Type.Literal('SEND_AS'),
  Type.Literal('SEND_ON_BEHALF'),
]);
export const ResourceType = Type.Union([Type.Literal('ROOM'), Type.Literal('EQUIPMENT')]);

/** An object whose members are all optional unless wrapped in {@link required}. */
export const Empty = Type.Object({});

/** Marks a shape as a list with the model's item bounds. */
export function list<T extends TSchema>(item: T, minItems: number, maxItems: number) {
  return Type.Array(item, { minItems, maxItems });
}

/** Converts a Date to the awsJson timestamp (epoch seconds with milliseconds). */
export function toTimestamp(date: Date | string | number): number {
  // Number() of a Date is its epoch milliseconds.
  const ms = typeof date === 'string' ? Date.parse(date) : Number(date);
  return Math.round(ms) / 1000;
}

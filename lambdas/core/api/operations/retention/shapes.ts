import { Type, type Static } from '@sinclair/typebox';
import type { FolderConfiguration as StoredConfiguration } from '../../../retention/types';
import { MAX_PERIOD_DAYS } from '../../../retention/policy';
import { pattern } from '../../shapes';

/** Shapes of the retention policy operations (api-operations.md, "Mailbox retention policy"). */

/** Policy ids and names: 1–64 of `[a-zA-Z0-9_-]`. */
export const PolicyIdentifier = pattern('[a-zA-Z0-9_-]+', { minLength: 1, maxLength: 64 });
export const PolicyDescription = pattern("[\\w\\d\\s\\S\\-!?=,.;:'_]+", { maxLength: 256 });
export const FolderName = Type.Union([
  Type.Literal('INBOX'),
  Type.Literal('DELETED_ITEMS'),
  Type.Literal('SENT_ITEMS'),
  Type.Literal('DRAFTS'),
  Type.Literal('JUNK_EMAIL'),
]);
export const RetentionAction = Type.Union([
  Type.Literal('NONE'),
  Type.Literal('DELETE'),
  Type.Literal('PERMANENTLY_DELETE'),
]);
export const FolderConfiguration = Type.Object({
  Name: FolderName,
  Action: RetentionAction,
  Period: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PERIOD_DAYS })),
});
export const FolderConfigurations = Type.Array(FolderConfiguration);

/** A wire folder configuration as stored. */
export function toStored(wire: Static<typeof FolderConfiguration>): StoredConfiguration {
  return {
    name: wire.Name,
    action: wire.Action,
    ...(wire.Period === undefined ? {} : { periodDays: wire.Period }),
  };
}

/** A stored folder configuration on the wire. */
export function toWire(stored: StoredConfiguration): Static<typeof FolderConfiguration> {
  return {
    Name: stored.name,
    Action: stored.action,
    ...(stored.periodDays === undefined ? {} : { Period: stored.periodDays }),
  };
}

import type { Static } from '@sinclair/typebox';
import { toTimestamp } from '../../shapes';
import type { Entity } from '../../../directory/types';
import type { GroupSummary, MemberShape, ResourceSummary, UserSummary } from './entity-shapes';

/** Maps directory records to wire shapes, omitting absent optional members. */

/** Drops members whose value is undefined, so absent fields are omitted rather than sent as null. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

/** An epoch-milliseconds time as an awsJson timestamp, or undefined. */
export function timestamp(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : toTimestamp(ms);
}

/** A user as a `User` list item. */
export function toUserSummary(user: Entity): Static<typeof UserSummary> {
  return compact({
    Id: user.entityId,
    Email: user.email,
    Name: user.name,
    DisplayName: user.displayName,
    State: user.state,
    UserRole: user.role,
    EnabledDate: timestamp(user.enabledAt),
    DisabledDate: timestamp(user.disabledAt),
    IdentityProviderUserId: user.identityProviderUserId,
  });
}

/** A group as a `Group` list item. */
export function toGroupSummary(group: Entity): Static<typeof GroupSummary> {
  return compact({
    Id: group.entityId,
    Email: group.email,
    Name: group.name,
    State: group.state,
    EnabledDate: timestamp(group.enabledAt),
    DisabledDate: timestamp(group.disabledAt),
  });
}

/** A resource as a `Resource` list item. */
export function toResourceSummary(resource: Entity): Static<typeof ResourceSummary> {
  return compact({
    Id: resource.entityId,
    Email: resource.email,
    Name: resource.name,
    Type: resource.resourceType,
    State: resource.state,
    EnabledDate: timestamp(resource.enabledAt),
    DisabledDate: timestamp(resource.disabledAt),
    Description: resource.description,
  });
}

/** A user or group as a group `Member`. */
export function toMember(entity: Entity): Static<typeof MemberShape> {
  return compact({
    Id: entity.entityId,
    Name: entity.name,
    Type: entity.kind === 'GROUP' ? ('GROUP' as const) : ('USER' as const),
    State: entity.state,
    EnabledDate: timestamp(entity.enabledAt),
    DisabledDate: timestamp(entity.disabledAt),
  });
}

import { Type, type TObject } from '@sinclair/typebox';
import {
  EmailAddress,
  EntityState,
  GroupName,
  MemberType,
  ResourceType,
  Timestamp,
  UserRole,
  WorkMailIdentifier,
} from '../../shapes';

/** Wire shapes shared by the entity operations (api-operations.md §7). All members optional, as in the model. */

/** BookingOptions of a resource. */
export const BookingOptionsShape = Type.Object({
  AutoAcceptRequests: Type.Optional(Type.Boolean()),
  AutoDeclineRecurringRequests: Type.Optional(Type.Boolean()),
  AutoDeclineConflictingRequests: Type.Optional(Type.Boolean()),
});

/** A `User` list item. */
export const UserSummary = Type.Object({
  Id: Type.Optional(WorkMailIdentifier),
  Email: Type.Optional(EmailAddress),
  Name: Type.Optional(Type.String()),
  DisplayName: Type.Optional(Type.String()),
  State: Type.Optional(EntityState),
  UserRole: Type.Optional(UserRole),
  EnabledDate: Type.Optional(Timestamp),
  DisabledDate: Type.Optional(Timestamp),
  IdentityProviderUserId: Type.Optional(Type.String()),
});

/** A `Group` list item. */
export const GroupSummary = Type.Object({
  Id: Type.Optional(WorkMailIdentifier),
  Email: Type.Optional(EmailAddress),
  Name: Type.Optional(GroupName),
  State: Type.Optional(EntityState),
  EnabledDate: Type.Optional(Timestamp),
  DisabledDate: Type.Optional(Timestamp),
});

/** A `Resource` list item. */
export const ResourceSummary = Type.Object({
  Id: Type.Optional(WorkMailIdentifier),
  Email: Type.Optional(EmailAddress),
  Name: Type.Optional(Type.String()),
  Type: Type.Optional(ResourceType),
  State: Type.Optional(EntityState),
  EnabledDate: Type.Optional(Timestamp),
  DisabledDate: Type.Optional(Timestamp),
  Description: Type.Optional(Type.String()),
});

/** A `Member` of a group. */
export const MemberShape = Type.Object({
  Id: Type.Optional(Type.String()),
  Name: Type.Optional(Type.String()),
  Type: Type.Optional(MemberType),
  State: Type.Optional(EntityState),
  EnabledDate: Type.Optional(Timestamp),
  DisabledDate: Type.Optional(Timestamp),
});

/** The empty output of write actions. */
export const NoOutput: TObject = Type.Object({});

/** A prefix filter value (≤256). */
export const Prefix = Type.String({ maxLength: 256 });

/** ListGroupsFilters and ListResourcesFilters, which the model defines alike: one prefix or a state. */
export const NamePrefixOrStateFilters = Type.Object({
  NamePrefix: Type.Optional(Prefix),
  PrimaryEmailPrefix: Type.Optional(Prefix),
  State: Type.Optional(EntityState),
});

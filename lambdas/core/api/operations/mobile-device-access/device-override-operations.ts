import { Type } from '@sinclair/typebox';
import type { ApiDeps } from '../../deps';
import { requireOrganization } from '../../../directory/guards';
import { resolveEntity } from '../../../directory/resolve-entity';
import { EntityStateException, ResourceNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { EntityIdentifier, MaxResults, NextToken, OrganizationId } from '../../shapes';
import { DeviceId, Effect, OverrideShape, overrideToWire, RuleDescription } from './shapes';

/** The user an override names (id, name or address), in the organization. */
async function overrideUser(deps: ApiDeps, organizationId: string, identifier: string) {
  await requireOrganization(deps, organizationId);
  return resolveEntity(deps, organizationId, identifier, {
    forms: 'id|name|email',
    kinds: ['USER'],
    field: 'UserId',
  });
}

/** PutMobileDeviceAccessOverride: creates or replaces the decision for one user's device (ids ignore case). */
export const putMobileDeviceAccessOverride = defineOperation({
  name: 'PutMobileDeviceAccessOverride',
  service: 'WorkMailService',
  summary: "Creates or replaces the override of the rules for one user's device.",
  input: Type.Object({
    OrganizationId,
    UserId: EntityIdentifier,
    DeviceId,
    Effect,
    Description: Type.Optional(RuleDescription),
  }),
  output: Type.Object({}),
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: {
    method: 'PUT',
    path: '/organizations/{OrganizationId}/users/{UserId}/mobile-device-access-overrides/{DeviceId}',
  },
  mutating: true,
  handle: async (input, { deps }) => {
    const user = await overrideUser(deps, input.OrganizationId, input.UserId);
    if (user.state === 'DELETED') throw new EntityStateException(`User ${user.entityId} is deleted.`);
    await deps.mobileDeviceAccess.putOverride(
      input.OrganizationId,
      {
        userId: user.entityId,
        deviceId: input.DeviceId,
        effect: input.Effect,
        ...(input.Description === undefined ? {} : { description: input.Description }),
      },
      deps.clock().getTime(),
    );
    return {};
  },
});

/** GetMobileDeviceAccessOverride: one override, ResourceNotFoundException when there is none. */
export const getMobileDeviceAccessOverride = defineOperation({
  name: 'GetMobileDeviceAccessOverride',
  service: 'WorkMailService',
  summary: "Returns the override of the rules for one user's device.",
  input: Type.Object({ OrganizationId, UserId: EntityIdentifier, DeviceId }),
  output: OverrideShape,
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ResourceNotFoundException',
  ],
  route: {
    method: 'GET',
    path: '/organizations/{OrganizationId}/users/{UserId}/mobile-device-access-overrides/{DeviceId}',
  },
  mutating: false,
  handle: async (input, { deps }) => {
    const user = await overrideUser(deps, input.OrganizationId, input.UserId);
    const override = await deps.mobileDeviceAccess.getOverride(
      input.OrganizationId,
      user.entityId,
      input.DeviceId,
    );
    if (!override)
      throw new ResourceNotFoundException(`No override for device ${input.DeviceId} of this user.`);
    return overrideToWire(override);
  },
});

/** DeleteMobileDeviceAccessOverride: the rules decide again for the pair; a missing override is not an error. */
export const deleteMobileDeviceAccessOverride = defineOperation({
  name: 'DeleteMobileDeviceAccessOverride',
  service: 'WorkMailService',
  summary: "Deletes the override of the rules for one user's device (a missing one is not an error).",
  input: Type.Object({ OrganizationId, UserId: EntityIdentifier, DeviceId }),
  output: Type.Object({}),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: {
    method: 'DELETE',
    path: '/organizations/{OrganizationId}/users/{UserId}/mobile-device-access-overrides/{DeviceId}',
  },
  mutating: true,
  handle: async (input, { deps }) => {
    const user = await overrideUser(deps, input.OrganizationId, input.UserId);
    await deps.mobileDeviceAccess.deleteOverride(input.OrganizationId, user.entityId, input.DeviceId);
    return {};
  },
});

/** ListMobileDeviceAccessOverrides: the overrides of the organization, a user, a device, or both; paginated. */
export const listMobileDeviceAccessOverrides = defineOperation({
  name: 'ListMobileDeviceAccessOverrides',
  service: 'WorkMailService',
  summary: 'Lists overrides of the mobile device access rules.',
  input: Type.Object({
    OrganizationId,
    UserId: Type.Optional(EntityIdentifier),
    DeviceId: Type.Optional(DeviceId),
    NextToken: Type.Optional(NextToken),
    MaxResults: Type.Optional(MaxResults),
  }),
  output: Type.Object({ Overrides: Type.Array(OverrideShape), NextToken: Type.Optional(NextToken) }),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/mobile-device-access-overrides' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const userId =
      input.UserId === undefined
        ? undefined
        : (await overrideUser(deps, input.OrganizationId, input.UserId)).entityId;
    const filter = { userId, deviceId: input.DeviceId };
    const binding = `ListMobileDeviceAccessOverrides|${input.OrganizationId}|${userId ?? ''}|${input.DeviceId?.toUpperCase() ?? ''}`;
    const page = await listPage(deps.pageTokens, binding, input, (request) =>
      deps.mobileDeviceAccess.listOverrides(input.OrganizationId, filter, request),
    );
    return {
      Overrides: page.items.map(overrideToWire),
      ...(page.NextToken ? { NextToken: page.NextToken } : {}),
    };
  },
});

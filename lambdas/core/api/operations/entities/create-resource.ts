import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { OrganizationId, ResourceId, ResourceName, ResourceType } from '../../shapes';
import { assertNameAllowed, newEntity } from '../../../directory/entities';
import { requireOrganization } from '../../../directory/guards';
import type { Entity } from '../../../directory/types';
import { DEFAULT_BOOKING_OPTIONS } from './resource-defaults';

/** CreateResource: a DISABLED room or equipment resource (RegisterToWorkMail gives it an address and a calendar). */
export const createResource = defineOperation({
  name: 'CreateResource',
  service: 'WorkMailService',
  summary: 'Creates a room or equipment resource; it is disabled until registered to WorkMail.',
  input: Type.Object({
    OrganizationId,
    Name: ResourceName,
    Type: ResourceType,
    Description: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    HiddenFromGlobalAddressList: Type.Optional(Type.Boolean()),
  }),
  output: Type.Object({ ResourceId: Type.Optional(ResourceId) }),
  errors: [
    'InvalidParameterException',
    'NameAvailabilityException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ReservedNameException',
  ],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/resources' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    assertNameAllowed(input.Name);
    const resource: Entity = {
      ...newEntity(
        {
          organizationId: input.OrganizationId,
          kind: 'RESOURCE',
          name: input.Name,
          hiddenFromGlobalAddressList: input.HiddenFromGlobalAddressList,
        },
        deps.clock(),
      ),
      resourceType: input.Type,
      bookingOptions: DEFAULT_BOOKING_OPTIONS,
      mailboxQuotaMegabytes: deps.settings.quotas.defaultMailboxQuotaMegabytes,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
    };
    await deps.entities.createEntity(resource, deps.settings.quotas.usersPerOrganization);
    return { ResourceId: resource.entityId };
  },
});

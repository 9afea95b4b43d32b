import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { GroupName, OrganizationId, WorkMailIdentifier } from '../../shapes';
import { assertNameAllowed, newEntity } from '../../../directory/entities';
import { requireOrganization } from '../../../directory/guards';
import type { Entity } from '../../../directory/types';

/** CreateGroup: a DISABLED group (RegisterToWorkMail gives it an address; groups never have a mailbox). */
export const createGroup = defineOperation({
  name: 'CreateGroup',
  service: 'WorkMailService',
  summary: 'Creates a group; it is disabled until registered to WorkMail.',
  input: Type.Object({
    OrganizationId,
    Name: GroupName,
    HiddenFromGlobalAddressList: Type.Optional(Type.Boolean()),
  }),
  output: Type.Object({ GroupId: Type.Optional(WorkMailIdentifier) }),
  errors: [
    'InvalidParameterException',
    'NameAvailabilityException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ReservedNameException',
  ],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/groups' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    assertNameAllowed(input.Name);
    const group: Entity = {
      ...newEntity(
        {
          organizationId: input.OrganizationId,
          kind: 'GROUP',
          name: input.Name,
          hiddenFromGlobalAddressList: input.HiddenFromGlobalAddressList,
        },
        deps.clock(),
      ),
    };
    await deps.entities.createEntity(group, deps.settings.quotas.usersPerOrganization);
    return { GroupId: group.entityId };
  },
});

import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { EntityNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { FolderConfigurations, toWire } from './shapes';

/** GetDefaultRetentionPolicy: the organization's retention policy; EntityNotFoundException when it has none. */
export const getDefaultRetentionPolicy = defineOperation({
  name: 'GetDefaultRetentionPolicy',
  service: 'WorkMailService',
  summary: "Returns the organization's retention policy.",
  input: Type.Object({ OrganizationId }),
  output: Type.Object({
    Id: Type.Optional(Type.String()),
    Name: Type.Optional(Type.String()),
    Description: Type.Optional(Type.String()),
    FolderConfigurations: Type.Optional(FolderConfigurations),
  }),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/retention-policy' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId, { mustBeActive: false });
    const policy = await deps.retentionPolicies.get(input.OrganizationId);
    if (!policy) throw new EntityNotFoundException('The organization has no retention policy.');
    return {
      Id: policy.id,
      Name: policy.name,
      ...(policy.description === undefined ? {} : { Description: policy.description }),
      FolderConfigurations: policy.folderConfigurations.map(toWire),
    };
  },
});

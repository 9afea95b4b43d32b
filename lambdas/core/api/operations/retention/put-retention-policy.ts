import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { checkFolderConfigurations } from '../../../retention/policy';
import type { PolicyRefusal } from '../../../retention/types';
import { InvalidParameterException } from '../../errors';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { FolderConfigurations, PolicyDescription, PolicyIdentifier, toStored } from './shapes';

/**
 * PutRetentionPolicy: creates or replaces the organization's one retention policy. Without `Id`, a replacement
 * keeps the current policy's id (a new policy gets a fresh one).
 */
export const putRetentionPolicy = defineOperation({
  name: 'PutRetentionPolicy',
  service: 'WorkMailService',
  summary: "Creates or replaces the organization's retention policy.",
  input: Type.Object({
    OrganizationId,
    Id: Type.Optional(PolicyIdentifier),
    Name: PolicyIdentifier,
    Description: Type.Optional(PolicyDescription),
    FolderConfigurations,
  }),
  output: Type.Object({}),
  errors: [
    'InvalidParameterException',
    'LimitExceededException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/retention-policy' },
  mutating: true,
  handle: async (input, { deps }) => {
    const folderConfigurations = input.FolderConfigurations.map(toStored);
    const refusal = checkFolderConfigurations(folderConfigurations);
    if (refusal) throw new InvalidParameterException(describe(refusal));
    await requireOrganization(deps, input.OrganizationId);
    const current = input.Id ? undefined : await deps.retentionPolicies.get(input.OrganizationId);
    await deps.retentionPolicies.put(input.OrganizationId, {
      id: input.Id ?? current?.id ?? randomUUID(),
      name: input.Name,
      ...(input.Description === undefined ? {} : { description: input.Description }),
      folderConfigurations,
    });
    return {};
  },
});

function describe(refusal: PolicyRefusal): string {
  return refusal.type === 'duplicateFolder'
    ? `FolderConfigurations: ${refusal.folder} is configured more than once.`
    : `FolderConfigurations: ${refusal.folder} needs a Period (1-730 days) unless its Action is NONE.`;
}

import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { PolicyIdentifier } from './shapes';

/**
 * DeleteRetentionPolicy: deletes the organization's policy when `Id` names it; an unknown id changes nothing and
 * succeeds (the action is idempotent). Messages already in Recoverable Items still expire.
 */
export const deleteRetentionPolicy = defineOperation({
  name: 'DeleteRetentionPolicy',
  service: 'WorkMailService',
  summary: "Deletes the organization's retention policy.",
  input: Type.Object({ OrganizationId, Id: PolicyIdentifier }),
  output: Type.Object({}),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/retention-policy/{Id}' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    await deps.retentionPolicies.delete(input.OrganizationId, input.Id);
    return {};
  },
});

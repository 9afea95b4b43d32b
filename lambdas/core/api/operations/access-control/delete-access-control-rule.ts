import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { RuleName } from './shapes';

/** DeleteAccessControlRule: deletes a rule by name; deleting a missing rule succeeds. Deleting every rule blocks all. */
export const deleteAccessControlRule = defineOperation({
  name: 'DeleteAccessControlRule',
  service: 'WorkMailService',
  summary: 'Deletes an access control rule (a missing one is not an error).',
  input: Type.Object({ OrganizationId, Name: RuleName }),
  output: Type.Object({}),
  errors: ['OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/access-control-rules/{Name}' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    await deps.accessControlRules.delete(input.OrganizationId, input.Name, deps.clock().getTime());
    return {};
  },
});

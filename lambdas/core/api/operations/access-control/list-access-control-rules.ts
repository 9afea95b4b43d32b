import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { AccessControlRuleShape, toWire } from './shapes';

/** ListAccessControlRules: every rule of the organization (at most 10, not paginated). */
export const listAccessControlRules = defineOperation({
  name: 'ListAccessControlRules',
  service: 'WorkMailService',
  summary: "Lists the organization's access control rules.",
  input: Type.Object({ OrganizationId }),
  output: Type.Object({ Rules: Type.Array(AccessControlRuleShape) }),
  errors: ['OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/access-control-rules' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const rules = await deps.accessControlRules.list(input.OrganizationId);
    return { Rules: rules.map(toWire) };
  },
});

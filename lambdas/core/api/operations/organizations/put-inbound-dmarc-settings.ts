import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { requireOrganization } from '../../../directory/guards';

/** PutInboundDmarcSettings: turns enforcement of senders' DMARC policies on inbound mail on or off. */
export const putInboundDmarcSettings = defineOperation({
  name: 'PutInboundDmarcSettings',
  service: 'WorkMailService',
  summary: 'Enables or disables DMARC enforcement for inbound mail.',
  input: Type.Object({ OrganizationId, Enforced: Type.Boolean() }),
  output: Type.Object({}),
  errors: ['OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/inbound-dmarc-settings' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    await deps.organizations.updateOrganization(input.OrganizationId, { dmarcEnforced: input.Enforced });
    return {};
  },
});

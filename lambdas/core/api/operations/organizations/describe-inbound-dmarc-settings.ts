import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { requireOrganization } from '../../../directory/guards';

/** DescribeInboundDmarcSettings: whether inbound DMARC enforcement is on (it is by default). */
export const describeInboundDmarcSettings = defineOperation({
  name: 'DescribeInboundDmarcSettings',
  service: 'WorkMailService',
  summary: 'Returns whether DMARC is enforced on inbound mail.',
  input: Type.Object({ OrganizationId }),
  output: Type.Object({ Enforced: Type.Optional(Type.Boolean()) }),
  errors: ['OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/inbound-dmarc-settings' },
  mutating: false,
  handle: async (input, { deps }) => {
    const organization = await requireOrganization(deps, input.OrganizationId);
    return { Enforced: organization.dmarcEnforced ?? true };
  },
});

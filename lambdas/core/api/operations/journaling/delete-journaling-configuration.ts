import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';

/** MailwrightService.DeleteJournalingConfiguration: turns journaling off and forgets its addresses (idempotent). */
export const deleteJournalingConfiguration = defineOperation({
  name: 'DeleteJournalingConfiguration',
  service: 'MailwrightService',
  summary:
    'Turns journaling off and removes its addresses; records already produced are still delivered. Succeeds when ' +
    'there is no configuration.',
  input: Type.Object({ OrganizationId }),
  output: Type.Object({}),
  errors: ['OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/journaling-configuration' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    await deps.journaling.delete(input.OrganizationId);
    return {};
  },
});

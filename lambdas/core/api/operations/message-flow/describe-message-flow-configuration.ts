import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { ContentBuckets } from './shapes';

/** MailwrightService.DescribeMessageFlowConfiguration: the organization's PutRawMessageContent buckets. */
export const describeMessageFlowConfiguration = defineOperation({
  name: 'DescribeMessageFlowConfiguration',
  service: 'MailwrightService',
  summary: 'Returns the S3 buckets PutRawMessageContent may read for the organization (empty by default).',
  input: Type.Object({ OrganizationId }),
  output: Type.Object({ ContentBuckets }),
  errors: ['OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/message-flow-configuration' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId, { mustBeActive: false });
    return { ContentBuckets: [...(await deps.contentBuckets.allowedBuckets(input.OrganizationId))] };
  },
});

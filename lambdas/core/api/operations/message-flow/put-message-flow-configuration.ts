import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { validateContentBuckets } from '../../../message-flow/content-buckets';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { ContentBuckets } from './shapes';

/**
 * MailwrightService.PutMessageFlowConfiguration: the S3 buckets whose objects the organization's flow-rule
 * functions may name in PutRawMessageContent. Replaces the whole list; an empty list allows none (the default).
 */
export const putMessageFlowConfiguration = defineOperation({
  name: 'PutMessageFlowConfiguration',
  service: 'MailwrightService',
  summary:
    'Sets the S3 buckets (at most 10) PutRawMessageContent may read for the organization; each bucket also needs ' +
    "a bucket policy that lets Mailwright's API role read it.",
  input: Type.Object({ OrganizationId, ContentBuckets }),
  output: Type.Object({}),
  errors: [
    'InvalidParameterException',
    'LimitExceededException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/message-flow-configuration' },
  mutating: true,
  handle: async (input, { deps }) => {
    const buckets = validateContentBuckets(input.ContentBuckets, deps.settings.reservedBuckets);
    await requireOrganization(deps, input.OrganizationId);
    await deps.contentBuckets.replaceAllowedBuckets(input.OrganizationId, buckets);
    return {};
  },
});

import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { WorkMailArn, list } from '../../shapes';
import { requireTaggedOrganization } from '../../../directory/organization-arn';
import { TagShape } from './tag-resource';

/** ListTagsForResource: the tags of an organization. */
export const listTagsForResource = defineOperation({
  name: 'ListTagsForResource',
  service: 'WorkMailService',
  summary: 'Lists the tags of an organization.',
  input: Type.Object({ ResourceARN: WorkMailArn }),
  output: Type.Object({ Tags: Type.Optional(list(TagShape, 0, 50)) }),
  errors: ['ResourceNotFoundException'],
  route: { method: 'GET', path: '/tags' },
  mutating: false,
  handle: async (input, ctx) => {
    const organization = await requireTaggedOrganization(ctx, input.ResourceARN);
    return { Tags: organization.tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })) };
  },
});

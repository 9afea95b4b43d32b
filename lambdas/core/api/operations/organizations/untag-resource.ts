import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { WorkMailArn, list } from '../../shapes';
import { requireTaggedOrganization } from '../../../directory/organization-arn';

/** UntagResource: removes tags from an organization by key; unknown keys are ignored. */
export const untagResource = defineOperation({
  name: 'UntagResource',
  service: 'WorkMailService',
  summary: 'Removes tags from an organization.',
  input: Type.Object({
    ResourceARN: WorkMailArn,
    TagKeys: list(Type.String({ minLength: 1, maxLength: 128 }), 0, 50),
  }),
  output: Type.Object({}),
  errors: ['ResourceNotFoundException'],
  route: { method: 'POST', path: '/tags/remove' },
  mutating: true,
  handle: async (input, ctx) => {
    const organization = await requireTaggedOrganization(ctx, input.ResourceARN);
    const removed = new Set(input.TagKeys);
    await ctx.deps.organizations.updateTags(organization.organizationId, (current) => {
      const tags = current.filter((tag) => !removed.has(tag.Key));
      return tags.length === current.length ? undefined : tags;
    });
    return {};
  },
});

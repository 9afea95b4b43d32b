import { Type } from '@sinclair/typebox';
import { InvalidParameterException, TooManyTagsException } from '../../errors';
import { defineOperation } from '../../operation';
import { WorkMailArn, list } from '../../shapes';
import { HARD_QUOTAS } from '../../../config/quotas';
import { requireTaggedOrganization } from '../../../directory/organization-arn';
import type { Tag } from '../../../directory/types';

/** The Tag shape shared by the tagging actions: key 1–128, value 0–256 characters. */
export const TagShape = Type.Object({
  Key: Type.String({ minLength: 1, maxLength: 128 }),
  Value: Type.String({ minLength: 0, maxLength: 256 }),
});

/** TagResource: adds or replaces (by key) tags on an organization; concurrent calls all take effect. */
export const tagResource = defineOperation({
  name: 'TagResource',
  service: 'WorkMailService',
  summary: 'Adds tags to an organization, replacing the values of keys it already has.',
  input: Type.Object({ ResourceARN: WorkMailArn, Tags: list(TagShape, 0, 50) }),
  output: Type.Object({}),
  errors: [
    'InvalidParameterException',
    'OrganizationStateException',
    'ResourceNotFoundException',
    'TooManyTagsException',
  ],
  route: { method: 'POST', path: '/tags' },
  mutating: true,
  handle: async (input, ctx) => {
    if (input.Tags.some((tag) => tag.Key.toLowerCase().startsWith('aws:'))) {
      throw new InvalidParameterException('Tag keys starting with aws: are reserved.');
    }
    const organization = await requireTaggedOrganization(ctx, input.ResourceARN, { mustBeActive: true });
    await ctx.deps.organizations.updateTags(organization.organizationId, (current) => {
      const tags = new Map<string, Tag>(current.map((tag) => [tag.Key, tag]));
      for (const tag of input.Tags) tags.set(tag.Key, { Key: tag.Key, Value: tag.Value });
      if (tags.size > HARD_QUOTAS.tagsPerOrganization) {
        throw new TooManyTagsException(
          `An organization can have at most ${HARD_QUOTAS.tagsPerOrganization} tags.`,
        );
      }
      return [...tags.values()];
    });
    return {};
  },
});

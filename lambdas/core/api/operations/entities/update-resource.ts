import { Type } from '@sinclair/typebox';
import { EntityStateException, InvalidConfigurationException } from '../../errors';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId, ResourceName, ResourceType } from '../../shapes';
import { assertNameAllowed } from '../../../directory/entities';
import { resourceIn } from './entity-context';
import { BookingOptionsShape, NoOutput } from './entity-shapes';
import { DEFAULT_BOOKING_OPTIONS } from './resource-defaults';

/**
 * UpdateResource: replaces the supplied attributes of a resource.
 * Primary course:
 * 1. Resolve the resource; refuse a deleted one.
 * 2. Merge the booking options; refuse auto-accept off without any delegate (InvalidConfigurationException) before
 *    writing anything.
 * 3. Rename first (moves the name claim atomically, NameAvailabilityException when taken), then store the rest;
 *    the store re-checks the delegate rule on its delegate count in the same write, so a delegate removed since
 *    step 2 still refuses the change.
 */
export const updateResource = defineOperation({
  name: 'UpdateResource',
  service: 'WorkMailService',
  summary: 'Updates the name, type, description, visibility or booking options of a resource.',
  input: Type.Object({
    OrganizationId,
    ResourceId: EntityIdentifier,
    Name: Type.Optional(ResourceName),
    BookingOptions: Type.Optional(BookingOptionsShape),
    Description: Type.Optional(Type.String({ maxLength: 64 })),
    Type: Type.Optional(ResourceType),
    HiddenFromGlobalAddressList: Type.Optional(Type.Boolean()),
  }),
  output: NoOutput,
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidConfigurationException',
    'InvalidParameterException',
    'NameAvailabilityException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ReservedNameException',
  ],
  route: { method: 'PATCH', path: '/organizations/{OrganizationId}/resources/{ResourceId}' },
  mutating: true,
  handle: async (input, ctx) => {
    const { OrganizationId: organizationId } = input;
    const resource = await resourceIn(ctx, organizationId, input.ResourceId);
    if (resource.state === 'DELETED') throw new EntityStateException('The resource is deleted.');
    const bookingOptions = {
      ...DEFAULT_BOOKING_OPTIONS,
      ...resource.bookingOptions,
      ...input.BookingOptions,
    };
    if (!bookingOptions.AutoAcceptRequests) {
      const delegates = await ctx.deps.entities.listDelegates(organizationId, resource.entityId, {
        limit: 1,
      });
      if (delegates.items.length === 0) {
        throw new InvalidConfigurationException(
          'A resource that does not auto-accept requests needs at least one delegate.',
        );
      }
    }
    if (input.Name !== undefined && input.Name !== resource.name) {
      assertNameAllowed(input.Name);
      await ctx.deps.entities.rename(organizationId, resource.entityId, input.Name);
    }
    await ctx.deps.entities.updateEntity(organizationId, resource.entityId, {
      bookingOptions,
      resourceType: input.Type,
      description:
        input.Description === undefined ? undefined : input.Description === '' ? null : input.Description,
      hiddenFromGlobalAddressList: input.HiddenFromGlobalAddressList,
    });
    return {};
  },
});

import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import {
  EmailAddress,
  EntityIdentifier,
  EntityState,
  OrganizationId,
  ResourceId,
  ResourceType,
  Timestamp,
} from '../../shapes';
import { entityIn } from './entity-context';
import { BookingOptionsShape } from './entity-shapes';
import { compact, timestamp } from './entity-views';

/** DescribeResource: the attributes and booking options of a resource. */
export const describeResource = defineOperation({
  name: 'DescribeResource',
  service: 'WorkMailService',
  summary: 'Returns the attributes of a resource.',
  input: Type.Object({ OrganizationId, ResourceId: EntityIdentifier }),
  output: Type.Object({
    ResourceId: Type.Optional(ResourceId),
    Email: Type.Optional(EmailAddress),
    Name: Type.Optional(Type.String()),
    Type: Type.Optional(ResourceType),
    BookingOptions: Type.Optional(BookingOptionsShape),
    State: Type.Optional(EntityState),
    EnabledDate: Type.Optional(Timestamp),
    DisabledDate: Type.Optional(Timestamp),
    Description: Type.Optional(Type.String()),
    HiddenFromGlobalAddressList: Type.Optional(Type.Boolean()),
  }),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/resources/{ResourceId}' },
  mutating: false,
  handle: async (input, ctx) => {
    const resource = await entityIn(ctx, input.OrganizationId, input.ResourceId, {
      forms: 'id|name|email',
      kinds: ['RESOURCE'],
      field: 'ResourceId',
    });
    return compact({
      ResourceId: resource.entityId,
      Email: resource.email,
      Name: resource.name,
      Type: resource.resourceType,
      BookingOptions: resource.bookingOptions,
      State: resource.state,
      EnabledDate: timestamp(resource.enabledAt),
      DisabledDate: timestamp(resource.disabledAt),
      Description: resource.description,
      HiddenFromGlobalAddressList: resource.hiddenFromGlobalAddressList,
    });
  },
});

import {
  associateDelegateToResource,
  createResource,
  deleteResource,
  deregisterFromWorkMail,
  describeResource,
  disassociateDelegateFromResource,
  listResourceDelegates,
  listResources,
  updateResource,
} from '../../lambdas/core/api/operations/entities';
import { entityKit, type EntityKit } from './entity-kit';

type Resources = { Resources: Array<Record<string, unknown>>; NextToken?: string };

describe('Operation: CreateResource / DescribeResource / DeleteResource', () => {
  let kit: EntityKit;
  beforeAll(async () => {
    kit = await entityKit();
  });

  it('creates a DISABLED resource with an r- id and the default booking options', async () => {
    const { ResourceId } = await kit.call<{ ResourceId: string }>(createResource, {
      OrganizationId: kit.orgId,
      Name: 'boardroom',
      Type: 'ROOM',
      Description: 'Fourth floor',
    });
    expect(ResourceId).toMatch(/^r-[0-9a-f]{32}$/);
    await expect(
      kit.call(describeResource, { OrganizationId: kit.orgId, ResourceId: 'boardroom' }),
    ).resolves.toEqual({
      ResourceId,
      Name: 'boardroom',
      Type: 'ROOM',
      Description: 'Fourth floor',
      State: 'DISABLED',
      HiddenFromGlobalAddressList: false,
      BookingOptions: {
        AutoAcceptRequests: true,
        AutoDeclineRecurringRequests: false,
        AutoDeclineConflictingRequests: true,
      },
    });
  });

  it('provisions a mailbox on registration and destroys it on deletion', async () => {
    const id = await kit.enabledResource('projector');
    expect(kit.mailboxes.provisioned).toContainEqual([kit.orgId, id]);
    await expect(
      kit.call(deleteResource, { OrganizationId: kit.orgId, ResourceId: id }),
    ).rejects.toMatchObject({ name: 'EntityStateException' });
    await kit.call(deregisterFromWorkMail, {
      OrganizationId: kit.orgId,
      EntityId: `projector@${kit.domain}`,
    });
    await kit.call(deleteResource, { OrganizationId: kit.orgId, ResourceId: 'projector' });
    expect(kit.mailboxes.destroyed).toContainEqual([kit.orgId, id]);
    await expect(
      kit.call(describeResource, { OrganizationId: kit.orgId, ResourceId: id }),
    ).resolves.toMatchObject({ State: 'DELETED' });
  });

  it('rejects a malformed resource id, a user id and an unknown resource', async () => {
    const user = await kit.user('person');
    await expect(
      kit.call(describeResource, { OrganizationId: kit.orgId, ResourceId: 'r-xyz!' }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    for (const ResourceId of [user, `r-${'0'.repeat(32)}`]) {
      await expect(
        kit.call(describeResource, { OrganizationId: kit.orgId, ResourceId }),
      ).rejects.toMatchObject({ name: 'EntityNotFoundException' });
    }
  });
});

describe('Operation: UpdateResource and delegates', () => {
  let kit: EntityKit;
  beforeAll(async () => {
    kit = await entityKit();
  });

  it('refuses auto-accept off without a delegate, and accepts it with one', async () => {
    const id = await kit.enabledResource('van');
    const manual = {
      OrganizationId: kit.orgId,
      ResourceId: id,
      BookingOptions: { AutoAcceptRequests: false },
    };
    await expect(kit.call(updateResource, manual)).rejects.toMatchObject({
      name: 'InvalidConfigurationException',
    });
    const user = await kit.enabledUser('driver');
    await kit.call(associateDelegateToResource, {
      OrganizationId: kit.orgId,
      ResourceId: 'van',
      EntityId: `driver@${kit.domain}`,
    });
    await kit.call(associateDelegateToResource, {
      OrganizationId: kit.orgId,
      ResourceId: id,
      EntityId: user,
    });
    await kit.call(updateResource, manual);
    await expect(
      kit.call(describeResource, { OrganizationId: kit.orgId, ResourceId: id }),
    ).resolves.toMatchObject({
      BookingOptions: {
        AutoAcceptRequests: false,
        AutoDeclineRecurringRequests: false,
        AutoDeclineConflictingRequests: true,
      },
    });
    await expect(
      kit.call(listResourceDelegates, { OrganizationId: kit.orgId, ResourceId: id }),
    ).resolves.toEqual({
      Delegates: [{ Id: user, Type: 'USER' }],
    });
    const removeDriver = { OrganizationId: kit.orgId, ResourceId: id, EntityId: 'driver' };
    await expect(kit.call(disassociateDelegateFromResource, removeDriver)).rejects.toMatchObject({
      name: 'InvalidConfigurationException',
    });
    await kit.call(updateResource, { ...manual, BookingOptions: { AutoAcceptRequests: true } });
    await kit.call(disassociateDelegateFromResource, removeDriver);
    await expect(
      kit.call(listResourceDelegates, { OrganizationId: kit.orgId, ResourceId: id }),
    ).resolves.toEqual({ Delegates: [] });
  });

  it('renames, retypes and clears the description; a taken name is refused', async () => {
    const id = await kit.enabledResource('oldname');
    await kit.user('busy');
    await expect(
      kit.call(updateResource, { OrganizationId: kit.orgId, ResourceId: id, Name: 'busy' }),
    ).rejects.toMatchObject({
      name: 'NameAvailabilityException',
    });
    await kit.call(updateResource, {
      OrganizationId: kit.orgId,
      ResourceId: id,
      Name: 'newname',
      Type: 'EQUIPMENT',
      Description: '',
    });
    await expect(
      kit.call(describeResource, { OrganizationId: kit.orgId, ResourceId: 'newname' }),
    ).resolves.toMatchObject({
      ResourceId: id,
      Name: 'newname',
      Type: 'EQUIPMENT',
    });
    await expect(
      kit.call(describeResource, { OrganizationId: kit.orgId, ResourceId: 'oldname' }),
    ).rejects.toMatchObject({
      name: 'EntityNotFoundException',
    });
    await expect(kit.user('oldname')).resolves.toBeDefined();
  });

  it('lists resources by name prefix and state', async () => {
    const other = await entityKit();
    await other.enabledResource('room-a');
    await other.call(createResource, { OrganizationId: other.orgId, Name: 'room-b', Type: 'ROOM' });
    const names = async (Filters: object) =>
      (await other.call<Resources>(listResources, { OrganizationId: other.orgId, Filters })).Resources.map(
        (resource) => resource.Name,
      );
    await expect(names({ NamePrefix: 'room' })).resolves.toEqual(['room-a', 'room-b']);
    await expect(names({ State: 'ENABLED' })).resolves.toEqual(['room-a']);
    await expect(names({ PrimaryEmailPrefix: 'room-a@' })).resolves.toEqual(['room-a']);
    await expect(names({ NamePrefix: 'room', PrimaryEmailPrefix: 'x' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});

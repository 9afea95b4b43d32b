import {
  createAlias,
  createGroup,
  createResource,
  registerToWorkMail,
  updatePrimaryEmailAddress,
} from '../../lambdas/core/api/operations/entities';
import { addDomain, entityKit, type EntityKit } from './entity-kit';

describe('The reserved journaling sender address', () => {
  let kit: EntityKit;
  beforeAll(async () => {
    kit = await entityKit();
    await addDomain(kit, 'journaling-reserved.example');
  });

  it('cannot be the primary address of a user, group or resource, on the test domain or a custom one', async () => {
    const user = await kit.user('journaling-user');
    const group = (
      await kit.call<{ GroupId: string }>(createGroup, { OrganizationId: kit.orgId, Name: 'jgroup' })
    ).GroupId;
    const room = (
      await kit.call<{ ResourceId: string }>(createResource, {
        OrganizationId: kit.orgId,
        Name: 'jroom',
        Type: 'ROOM',
      })
    ).ResourceId;
    for (const [EntityId, Email] of [
      [user, `amazonjournaling@${kit.domain}`],
      [group, 'AmazonJournaling@journaling-reserved.example'],
      [room, `AMAZONJOURNALING@${kit.domain}`],
    ]) {
      await expect(
        kit.call(registerToWorkMail, { OrganizationId: kit.orgId, EntityId, Email }),
      ).rejects.toMatchObject({ name: 'ReservedNameException' });
    }
    await expect(
      kit.deps.entities.findByEmail(kit.orgId, `amazonjournaling@${kit.domain}`),
    ).resolves.toBeUndefined();
  });

  it('cannot be added as an alias or made a primary address', async () => {
    const id = await kit.enabledUser('journaling-alias-user');
    await expect(
      kit.call(createAlias, {
        OrganizationId: kit.orgId,
        EntityId: id,
        Alias: `amazonjournaling@${kit.domain}`,
      }),
    ).rejects.toMatchObject({ name: 'ReservedNameException' });
    await expect(
      kit.call(updatePrimaryEmailAddress, {
        OrganizationId: kit.orgId,
        EntityId: id,
        Email: 'amazonjournaling@journaling-reserved.example',
      }),
    ).rejects.toMatchObject({ name: 'ReservedNameException' });
    await kit.call(createAlias, {
      OrganizationId: kit.orgId,
      EntityId: id,
      Alias: `amazonjournaling2@${kit.domain}`,
    });
  });

  it('is refused as a user, group or resource name, also with a domain part', async () => {
    await expect(kit.user('amazonjournaling@journaling-reserved.example')).rejects.toMatchObject({
      name: 'ReservedNameException',
    });
    await expect(
      kit.call(createGroup, { OrganizationId: kit.orgId, Name: 'AmazonJournaling' }),
    ).rejects.toMatchObject({ name: 'ReservedNameException' });
  });
});

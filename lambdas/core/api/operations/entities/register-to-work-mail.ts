import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { EmailAddress, EntityIdentifier, OrganizationId } from '../../shapes';
import { registerEntity } from '../../../directory/entities';
import { entityIn } from './entity-context';
import { NoOutput } from './entity-shapes';

/** RegisterToWorkMail: enables a user, group or resource with a primary address (and a mailbox for users and resources). */
export const registerToWorkMail = defineOperation({
  name: 'RegisterToWorkMail',
  service: 'WorkMailService',
  summary: 'Enables an entity with a primary e-mail address, provisioning its mailbox.',
  input: Type.Object({ OrganizationId, EntityId: EntityIdentifier, Email: EmailAddress }),
  output: NoOutput,
  errors: [
    'EmailAddressInUseException',
    'EntityAlreadyRegisteredException',
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'MailDomainNotFoundException',
    'MailDomainStateException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ReservedNameException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/entities/{EntityId}/registration' },
  mutating: true,
  handle: async (input, ctx) => {
    const entity = await entityIn(ctx, input.OrganizationId, input.EntityId, {
      forms: 'id|name',
      field: 'EntityId',
    });
    await registerEntity(ctx.deps, entity, input.Email);
    return {};
  },
});

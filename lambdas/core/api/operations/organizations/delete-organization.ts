import { Type } from '@sinclair/typebox';
import type { ApiDeps } from '../../deps';
import { OrganizationStateException } from '../../errors';
import { defineOperation } from '../../operation';
import type { Cursor } from '../../pagination';
import { ClientToken, OrganizationId } from '../../shapes';
import { withClientToken } from '../../../directory/client-tokens';
import { requireOrganization } from '../../../directory/guards';

const input = Type.Object({
  ClientToken: Type.Optional(ClientToken),
  OrganizationId,
  DeleteDirectory: Type.Boolean(),
  ForceDelete: Type.Optional(Type.Boolean()),
  DeleteIdentityCenterApplication: Type.Optional(Type.Boolean()),
});

/** DeleteOrganization: irreversibly removes an organization and destroys the keys of all its mailboxes. */
export const deleteOrganization = defineOperation({
  name: 'DeleteOrganization',
  service: 'WorkMailService',
  summary: 'Deletes an organization; its mailbox data becomes unrecoverable.',
  input,
  output: Type.Object({
    OrganizationId: Type.Optional(OrganizationId),
    State: Type.Optional(Type.String({ maxLength: 256 })),
  }),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}' },
  mutating: true,
  handle: (request, { deps }) =>
    withClientToken(deps, 'DeleteOrganization', request, () => remove(deps, request)),
});

/**
 * Primary course:
 * 1. Refuse an organization with enabled users unless ForceDelete is set.
 * 2. Mark it Inactive, so a failure part-way leaves it retryable but unusable.
 * 3. Destroy the mailbox of every user and resource (crypto-shredding; idempotent).
 * 4. Release its Message Flow content buckets, so another organization may allow them.
 * 5. Remove its identity provider configuration, so its Identity Center application may be deleted; with
 *    DeleteIdentityCenterApplication, delete that application too unless another organization still uses it.
 * 6. Mark it Deleted and release its alias and domains.
 */
async function remove(
  deps: ApiDeps,
  request: typeof input.static,
): Promise<{ OrganizationId: string; State: string }> {
  const organizationId = request.OrganizationId;
  const organization = await requireOrganization(deps, organizationId, { mustBeActive: false });
  if (!request.ForceDelete && (await deps.organizations.hasEnabledUsers(organizationId))) {
    throw new OrganizationStateException(
      'The organization has enabled users: deregister them first, or set ForceDelete.',
    );
  }
  if (organization.state !== 'Inactive')
    await deps.organizations.updateOrganization(organizationId, { state: 'Inactive' });
  for (const kind of ['USER', 'RESOURCE'] as const) {
    let cursor: Cursor | undefined;
    do {
      const page = await deps.organizations.listMailboxEntityIds(organizationId, kind, {
        limit: 100,
        cursor,
      });
      for (const entityId of page.items) await deps.mailboxes.destroy(organizationId, entityId);
      cursor = page.cursor;
    } while (cursor);
  }
  await deps.contentBuckets.replaceAllowedBuckets(organizationId, []);
  const identityProvider = await deps.identityProviders.getConfiguration(organizationId);
  if (identityProvider) {
    await deps.identityProviders.deleteConfiguration(organizationId);
    if (request.DeleteIdentityCenterApplication)
      await deps.identityProviders.deleteApplication(identityProvider.applicationArn);
  }
  await deps.organizations.markOrganizationDeleted(organizationId);
  return { OrganizationId: organizationId, State: 'Deleted' };
}

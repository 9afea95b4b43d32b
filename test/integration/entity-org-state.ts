import type { OrganizationState } from '../../lambdas/core/directory/types';
import type { EntityKit } from './entity-kit';

/** Puts an organization into another state, as a failed or impaired workflow would. */
export async function updateOrganizationState(
  kit: EntityKit,
  organizationId: string,
  state: OrganizationState,
): Promise<void> {
  await kit.deps.organizations.updateOrganization(organizationId, { state });
}

import { randomBytes } from 'node:crypto';
import { DynamoDbEntityStore } from '../../lambdas/adapters/aws/dynamodb-entity-store';
import type { ApiDeps } from '../../lambdas/core/api/deps';
import { createOrganization } from '../../lambdas/core/api/operations/organizations';
import { registerMailDomain } from '../../lambdas/core/api/operations/organizations';
import {
  createGroup,
  createResource,
  createUser,
  registerToWorkMail,
} from '../../lambdas/core/api/operations/entities';
import { createTestApiDeps, type TestApiDeps } from '../support/api-deps';

/** An organization with the DynamoDB entity store wired in, and shortcuts for the entity suites. */
export interface EntityKit extends TestApiDeps {
  readonly orgId: string;
  /** The organization's verified test domain. */
  readonly domain: string;
  /** Creates a DISABLED user and returns its id. */
  user(name: string, extra?: Record<string, unknown>): Promise<string>;
  /** Creates a user and registers it as `<name>@<domain>`. */
  enabledUser(name: string): Promise<string>;
  enabledGroup(name: string): Promise<string>;
  enabledResource(name: string): Promise<string>;
  /** A fresh Active organization in the same tables. */
  newOrganization(): Promise<string>;
}

/**
 * Creates fresh tables, the ApiDeps with a DynamoDbEntityStore, and one Active organization.
 * @param overrides - passed to createTestApiDeps (e.g. quotas)
 */
export async function entityKit(overrides: Parameters<typeof createTestApiDeps>[0] = {}): Promise<EntityKit> {
  const base = await createTestApiDeps(overrides);
  Object.assign(base.deps as ApiDeps, {
    entities: new DynamoDbEntityStore(base.tables.documents, base.tables.directoryTable),
  });
  const newOrganization = async () => {
    const alias = `org-${randomBytes(4).toString('hex')}`;
    return (await base.call<{ OrganizationId: string }>(createOrganization, { Alias: alias })).OrganizationId;
  };
  const orgId = await newOrganization();
  const organization = await base.deps.organizations.getOrganization(orgId);
  const domain = organization!.defaultMailDomain;
  const user = async (name: string, extra: Record<string, unknown> = {}) =>
    (
      await base.call<{ UserId: string }>(createUser, {
        OrganizationId: orgId,
        Name: name,
        DisplayName: name,
        ...extra,
      })
    ).UserId;
  const register = async (id: string, name: string) => {
    await base.call(registerToWorkMail, { OrganizationId: orgId, EntityId: id, Email: `${name}@${domain}` });
    return id;
  };
  return {
    ...base,
    orgId,
    domain,
    user,
    newOrganization,
    enabledUser: async (name) => register(await user(name), name),
    enabledGroup: async (name) =>
      register(
        (await base.call<{ GroupId: string }>(createGroup, { OrganizationId: orgId, Name: name })).GroupId,
        name,
      ),
    enabledResource: async (name) =>
      register(
        (
          await base.call<{ ResourceId: string }>(createResource, {
            OrganizationId: orgId,
            Name: name,
            Type: 'ROOM',
          })
        ).ResourceId,
        name,
      ),
  };
}

/** Registers a custom domain (verified or not, depending on the kit's verifier). */
export async function addDomain(kit: EntityKit, domainName: string): Promise<void> {
  await kit.call(registerMailDomain, { OrganizationId: kit.orgId, DomainName: domainName });
}

/** A gate a test opens once: `wait()` resolves after `open()` (to pause one call at a chosen step of a race). */
export function gate(): { wait: () => Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { wait: () => opened, open };
}

/** A store that behaves like `store` except for the members in `patch` (which may call `store`'s own). */
export function patchStore<S extends object>(store: S, patch: Partial<S>): S {
  return Object.assign(Object.create(store) as S, patch);
}

import { Value } from '@sinclair/typebox/value';
import { randomBytes } from 'node:crypto';
import type { ApiDeps } from '../../../lambdas/core/api/deps';
import { dispatch } from '../../../lambdas/core/api/dispatch';
import {
  AccessDeniedException,
  InvalidParameterException,
  ResourceNotFoundException,
} from '../../../lambdas/core/api/errors';
import type { Operation, Principal } from '../../../lambdas/core/api/operation';
import { createAdminKey } from '../../../lambdas/core/api/operations/admin-keys/create-admin-key';
import { listAdminKeys } from '../../../lambdas/core/api/operations/admin-keys/list-admin-keys';
import { revokeAdminKey } from '../../../lambdas/core/api/operations/admin-keys/revoke-admin-key';
import { updateAdminKeyScope } from '../../../lambdas/core/api/operations/admin-keys/update-admin-key-scope';
import { adminKeyOperations } from '../../../lambdas/core/api/operations/admin-keys';
import { PageTokens } from '../../../lambdas/core/api/pagination';
import { AdminKeys } from '../../../lambdas/core/auth/admin-keys';
import { bootstrapAdminKey } from '../../../lambdas/core/auth/bootstrap';
import { MemoryAdminKeyStore, TestKeyWrapper } from './doubles';
import { MemoryAdminAuditLog } from '../../support/memory-admin-audit-log';

const ORG_A = 'm-0000000000000000000000000000000a';
const ADMIN: Principal = { accessKeyId: 'AKMWADMIN00000000000', organizations: '*' };
const SCOPED: Principal = { accessKeyId: 'AKMWSCOPED0000000000', organizations: [ORG_A] };

describe('Admin-key operations', () => {
  let store: MemoryAdminKeyStore;
  let wrapper: TestKeyWrapper;
  let call: <O>(operation: Operation, input: unknown, principal?: Principal) => Promise<O>;

  beforeEach(() => {
    store = new MemoryAdminKeyStore();
    wrapper = new TestKeyWrapper();
    const deps = {
      adminKeys: new AdminKeys(store, wrapper),
      pageTokens: new PageTokens(randomBytes(32)),
      clock: () => new Date(),
      adminAudit: new MemoryAdminAuditLog(),
    } as unknown as ApiDeps;
    call = <O>(operation: Operation, input: unknown, principal = ADMIN) =>
      dispatch(operation, input, { deps, principal, requestId: 'r' }) as Promise<O>;
  });

  it('serves the four operations under MailwrightService', () => {
    expect(adminKeyOperations.map((o) => `${o.service}.${o.name}`)).toEqual([
      'MailwrightService.CreateAdminKey',
      'MailwrightService.ListAdminKeys',
      'MailwrightService.UpdateAdminKeyScope',
      'MailwrightService.RevokeAdminKey',
    ]);
  });

  describe('Operation: CreateAdminKey', () => {
    it('returns the secret once and a scope', async () => {
      const created = await call<{ AccessKeyId: string; SecretAccessKey: string }>(createAdminKey, {
        OrganizationIds: [ORG_A],
        Description: 'team a',
      });

      expect(created).toMatchObject({ AllOrganizations: false, OrganizationIds: [ORG_A] });
      expect(created.SecretAccessKey).toHaveLength(40);
      const listed = await call<{ AdminKeys: object[] }>(listAdminKeys, {});
      expect(JSON.stringify(listed)).not.toContain(created.SecretAccessKey);
    });

    it('requires exactly one of OrganizationIds and AllOrganizations', async () => {
      await expect(call(createAdminKey, {})).rejects.toThrow(InvalidParameterException);
      await expect(
        call(createAdminKey, { AllOrganizations: true, OrganizationIds: [ORG_A] }),
      ).rejects.toThrow(InvalidParameterException);
    });

    it('rejects a malformed organization id', async () => {
      await expect(call(createAdminKey, { OrganizationIds: ['m-nothex'] })).rejects.toThrow(
        InvalidParameterException,
      );
    });

    it('is refused to a scoped key', async () => {
      await expect(call(createAdminKey, { AllOrganizations: true }, SCOPED)).rejects.toThrow(
        AccessDeniedException,
      );
    });
  });

  describe('Operation: ListAdminKeys', () => {
    it('pages with a NextToken and omits it on the last page', async () => {
      for (let i = 0; i < 3; i += 1) await call(createAdminKey, { AllOrganizations: true });

      const first = await call<{ AdminKeys: unknown[]; NextToken?: string }>(listAdminKeys, {
        MaxResults: 2,
      });
      const second = await call<{ AdminKeys: unknown[]; NextToken?: string }>(listAdminKeys, {
        NextToken: first.NextToken,
      });

      expect(first.AdminKeys).toHaveLength(2);
      expect(second.AdminKeys).toHaveLength(1);
      expect(second.NextToken).toBeUndefined();
    });

    it('answers active and revoked keys in the shape its published output schema describes', async () => {
      const { AccessKeyId } = await call<{ AccessKeyId: string }>(createAdminKey, { AllOrganizations: true });
      await call(createAdminKey, { OrganizationIds: [ORG_A], Description: 'team a' });
      await call(revokeAdminKey, { AccessKeyId });

      const listed = await call<{ AdminKeys: Array<{ State: string }> }>(listAdminKeys, {});

      expect(listed.AdminKeys.map((key) => key.State).sort()).toEqual(['ACTIVE', 'REVOKED']);
      expect([...Value.Errors(listAdminKeys.output, listed)].map((error) => error.path)).toEqual([]);
    });

    it('lists when a single sign-on key expires', async () => {
      const expiresAt = Date.now() + 3_600_000;
      const { key } = await new AdminKeys(store, wrapper).create([ORG_A], { expiresAt });

      const listed = await call<{ AdminKeys: Array<{ AccessKeyId: string; ExpiresAt?: number }> }>(
        listAdminKeys,
        {},
      );

      expect(listed.AdminKeys).toEqual([
        expect.objectContaining({ AccessKeyId: key.accessKeyId, ExpiresAt: expiresAt / 1000 }),
      ]);
      expect([...Value.Errors(listAdminKeys.output, listed)].map((error) => error.path)).toEqual([]);
    });

    it('is refused to a scoped key', async () => {
      await expect(call(listAdminKeys, {}, SCOPED)).rejects.toThrow(AccessDeniedException);
    });
  });

  describe('Operation: UpdateAdminKeyScope', () => {
    it('limits a key to some organizations', async () => {
      const { AccessKeyId } = await call<{ AccessKeyId: string }>(createAdminKey, { AllOrganizations: true });

      await call(updateAdminKeyScope, { AccessKeyId, OrganizationIds: [ORG_A, ORG_A] });

      expect(store.keys.get(AccessKeyId)!.organizations).toEqual([ORG_A]);
    });

    it('reports an unknown key as ResourceNotFoundException', async () => {
      await expect(
        call(updateAdminKeyScope, { AccessKeyId: 'AKMWNOSUCHKEY0000000', AllOrganizations: true }),
      ).rejects.toThrow(ResourceNotFoundException);
    });

    it('is refused to a scoped key, which could otherwise widen itself', async () => {
      await expect(
        call(updateAdminKeyScope, { AccessKeyId: SCOPED.accessKeyId, AllOrganizations: true }, SCOPED),
      ).rejects.toThrow(AccessDeniedException);
    });
  });

  describe('Operation: RevokeAdminKey', () => {
    it('revokes another key', async () => {
      const { AccessKeyId } = await call<{ AccessKeyId: string }>(createAdminKey, { AllOrganizations: true });

      await call(revokeAdminKey, { AccessKeyId });

      const { AdminKeys } = await call<{ AdminKeys: Array<{ State: string; RevokedAt?: number }> }>(
        listAdminKeys,
        {},
      );
      expect(AdminKeys[0]).toMatchObject({ State: 'REVOKED', RevokedAt: expect.any(Number) });
    });

    it('revokes the bootstrap key for good: the next start with the same credentials does not revive it', async () => {
      const bootstrap = { accessKeyId: 'AKMWBOOTSTRAP0000001', secret: 'b'.repeat(40) };
      await bootstrapAdminKey(store, wrapper, bootstrap);

      await call(revokeAdminKey, { AccessKeyId: bootstrap.accessKeyId });
      const restarted = await bootstrapAdminKey(store, wrapper, bootstrap);

      expect(restarted.outcome).toBe('revoked');
      await expect(new AdminKeys(store, wrapper).resolve(bootstrap.accessKeyId)).resolves.toBeUndefined();
    });

    it('refuses to revoke the key that signed the request', async () => {
      await expect(call(revokeAdminKey, { AccessKeyId: ADMIN.accessKeyId })).rejects.toThrow(
        InvalidParameterException,
      );
    });

    it('reports an unknown key as ResourceNotFoundException', async () => {
      await expect(call(revokeAdminKey, { AccessKeyId: 'AKMWNOSUCHKEY0000000' })).rejects.toThrow(
        ResourceNotFoundException,
      );
    });

    it('is refused to a scoped key', async () => {
      await expect(call(revokeAdminKey, { AccessKeyId: 'AKMWNOSUCHKEY0000000' }, SCOPED)).rejects.toThrow(
        AccessDeniedException,
      );
    });
  });
});

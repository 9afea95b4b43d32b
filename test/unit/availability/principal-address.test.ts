import { principalAddress } from '../../../lambdas/core/availability/principal-address';
import type { Entity } from '../../../lambdas/core/directory/types';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const entities = new Map<string, Partial<Entity>>([
  ['u-1', { kind: 'USER', state: 'ENABLED', email: 'ana@example.com' }],
  ['r-1', { kind: 'RESOURCE', state: 'ENABLED', email: 'room@example.com' }],
  ['g-1', { kind: 'GROUP', state: 'ENABLED', email: 'team@example.com' }],
  ['u-2', { kind: 'USER', state: 'DISABLED', email: 'old@example.com' }],
  ['u-3', { kind: 'USER', state: 'ENABLED' }],
]);
const resolve = principalAddress({
  getEntity: async (organizationId, id) =>
    organizationId === ORG ? (entities.get(id) as Entity | undefined) : undefined,
});

describe('principalAddress', () => {
  it('resolves enabled users and resources of the organization by id, and takes addresses as they are', async () => {
    expect(await resolve(ORG, 'u-1')).toBe('ana@example.com');
    expect(await resolve(ORG, 'r-1')).toBe('room@example.com');
    expect(await resolve(ORG, 'Carl@Partner.example')).toBe('carl@partner.example');
  });

  it('resolves no group, disabled or address-less entity, and nothing of another organization', async () => {
    for (const id of ['g-1', 'u-2', 'u-3', 'u-404']) expect(await resolve(ORG, id)).toBeUndefined();
    expect(await resolve('m-ffffffffffffffffffffffffffffffff', 'u-1')).toBeUndefined();
  });
});

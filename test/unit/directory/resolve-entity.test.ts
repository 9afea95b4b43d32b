import { EntityNotFoundException, InvalidParameterException } from '../../../lambdas/core/api/errors';
import type { EntityStore } from '../../../lambdas/core/directory/ports';
import {
  identifierLookups,
  isEntityId,
  normalizeEntityId,
  resolveEntity,
} from '../../../lambdas/core/directory/resolve-entity';
import type { Entity } from '../../../lambdas/core/directory/types';

const GUID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('isEntityId', () => {
  it.each([GUID, GUID.toUpperCase(), 'S-1-1-12-1234567890-123456789-123456789-1234', `r-${'a1'.repeat(16)}`])(
    'accepts %s',
    (value) => {
      expect(isEntityId(value)).toBe(true);
    },
  );

  it.each(['ana', 'ana@example.com', 'r-123', 'S-1', `${GUID}x`, 'm-0123456789abcdef0123456789abcdef'])(
    'rejects %s',
    (value) => {
      expect(isEntityId(value)).toBe(false);
    },
  );
});

describe('normalizeEntityId', () => {
  it('lower-cases GUIDs and resource ids and keeps SIDs', () => {
    expect(normalizeEntityId(GUID.toUpperCase())).toBe(GUID);
    expect(normalizeEntityId(`R-${'AB'.repeat(16)}`)).toBe(`r-${'ab'.repeat(16)}`);
    expect(normalizeEntityId('S-1-5-21-1')).toBe('S-1-5-21-1');
  });
});

describe('identifierLookups', () => {
  it.each([
    [GUID, 'id|name|email', ['id', 'name']],
    ['ana@example.com', 'id|name|email', ['email', 'name']],
    ['ana@example.com', 'id|name', ['name']],
    ['ana', 'id|name|email', ['name']],
    [GUID, 'id', ['id']],
    ['ana', 'id', []],
  ] as const)('%s in a %s field → %j', (identifier, forms, expected) => {
    expect(identifierLookups(identifier, forms)).toEqual(expected);
  });
});

describe('resolveEntity', () => {
  const user = { organizationId: 'm-1', entityId: GUID, kind: 'USER', name: 'ana' } as Entity;
  const lookups: string[] = [];
  const entities = {
    getEntity: async (_org: string, id: string) => (lookups.push(`id:${id}`), id === GUID ? user : undefined),
    findByEmail: async (_org: string, email: string) => (lookups.push(`email:${email}`), undefined),
    findByName: async (_org: string, name: string) => (
      lookups.push(`name:${name}`),
      name === 'ana@example.com' ? user : undefined
    ),
  } as unknown as EntityStore;

  beforeEach(() => {
    lookups.length = 0;
  });

  it('tries e-mail before name for a value with @', async () => {
    await expect(
      resolveEntity({ entities }, 'm-1', 'ana@example.com', { forms: 'id|name|email' }),
    ).resolves.toBe(user);
    expect(lookups).toEqual(['email:ana@example.com', 'name:ana@example.com']);
  });

  it('treats an entity of another kind as not found', async () => {
    await expect(
      resolveEntity({ entities }, 'm-1', GUID, { forms: 'id|name|email', kinds: ['GROUP'] }),
    ).rejects.toThrow(EntityNotFoundException);
  });

  it('refuses a name in an id-only field without looking it up', async () => {
    await expect(resolveEntity({ entities }, 'm-1', 'ana', { forms: 'id' })).rejects.toThrow(
      InvalidParameterException,
    );
    expect(lookups).toEqual([]);
  });
});

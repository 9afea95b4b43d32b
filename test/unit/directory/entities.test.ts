import { InvalidParameterException, ReservedNameException } from '../../../lambdas/core/api/errors';
import { toEntityFilter } from '../../../lambdas/core/api/operations/entities/entity-context';
import { assertNameAllowed, hasMailbox, newEntityId } from '../../../lambdas/core/directory/entities';

describe('newEntityId', () => {
  it('gives users and groups lower-case GUIDs and resources r- plus 32 hex digits', () => {
    expect(newEntityId('USER')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(newEntityId('GROUP')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(newEntityId('RESOURCE')).toMatch(/^r-[0-9a-f]{32}$/);
    expect(newEntityId('USER')).not.toBe(newEntityId('USER'));
  });
});

describe('assertNameAllowed', () => {
  it.each(['postmaster', 'AmazonJournaling', 'ADMINISTRATOR'])('rejects the reserved name %s', (name) => {
    expect(() => assertNameAllowed(name)).toThrow(ReservedNameException);
  });

  it('accepts an ordinary name', () => {
    expect(() => assertNameAllowed('postmaster2')).not.toThrow();
  });
});

describe('hasMailbox', () => {
  it.each([
    [{ kind: 'USER', role: 'USER' }, true],
    [{ kind: 'USER', role: 'REMOTE_USER' }, false],
    [{ kind: 'RESOURCE' }, true],
    [{ kind: 'GROUP' }, false],
  ] as const)('%j → %s', (entity, expected) => {
    expect(hasMailbox(entity)).toBe(expected);
  });
});

describe('toEntityFilter', () => {
  it.each([
    [undefined, { by: 'all' }],
    [{}, { by: 'all' }],
    [{ UsernamePrefix: 'an' }, { by: 'namePrefix', prefix: 'an' }],
    [{ NamePrefix: 'an' }, { by: 'namePrefix', prefix: 'an' }],
    [{ DisplayNamePrefix: 'An' }, { by: 'displayNamePrefix', prefix: 'An' }],
    [{ PrimaryEmailPrefix: 'an@' }, { by: 'primaryEmailPrefix', prefix: 'an@' }],
    [{ State: 'ENABLED' }, { by: 'state', state: 'ENABLED' }],
    [{ IdentityProviderUserIdPrefix: 'ab' }, { by: 'identityProviderUserIdPrefix', prefix: 'ab' }],
  ] as const)('maps %j to %j', (filters, expected) => {
    expect(toEntityFilter(filters)).toEqual(expected);
  });

  it('counts only the filters that hold a value', () => {
    expect(toEntityFilter({ NamePrefix: undefined, State: 'ENABLED' })).toEqual({
      by: 'state',
      state: 'ENABLED',
    });
  });

  it('rejects two populated filters', () => {
    expect(() => toEntityFilter({ NamePrefix: 'a', State: 'ENABLED' })).toThrow(InvalidParameterException);
  });
});

import { InvalidPasswordException } from '../../../lambdas/core/api/errors';
import {
  assertPasswordPolicy,
  classifyPasswordCharacter,
  hashPassword,
  verifyPassword,
} from '../../../lambdas/core/directory/passwords';

describe('assertPasswordPolicy', () => {
  it.each([
    ['three classes: upper, lower, digit', 'Abcdefg1'],
    ['three classes: lower, digit, special', 'abcdefg1!'],
    ['Latin-1 letters count as a class', 'abcdéfg1'],
    ['63 characters', `Aa1${'x'.repeat(60)}`],
    ['a space counts as special', 'abc defG'],
  ])('accepts %s', (_, password) => {
    expect(() => assertPasswordPolicy(password)).not.toThrow();
  });

  it.each([
    ['empty', ''],
    ['7 characters', 'Abcde1!'],
    ['64 characters', `Aa1${'x'.repeat(61)}`],
    ['two classes only', 'abcdefgh1'],
    ['upper and lower only', 'Abcdefghij'],
    ['a character outside Latin-1', 'Abcdefg1€'],
    ['a control character', 'Abcdefg1\u0007'],
    ['an emoji', 'Abcdefg1😀'],
  ])('rejects %s', (_, password) => {
    expect(() => assertPasswordPolicy(password)).toThrow(InvalidPasswordException);
  });

  it('never echoes the password in its message', () => {
    expect(() => assertPasswordPolicy('secretpass')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secretpass') }),
    );
  });
});

describe('classifyPasswordCharacter', () => {
  it.each([
    ['A', 'upper'],
    ['z', 'lower'],
    ['5', 'digit'],
    ['~', 'special'],
    ['×', 'special'],
    ['ñ', 'latin1Letter'],
    ['Ü', 'latin1Letter'],
    ['\n', undefined],
    ['Ā', undefined],
  ])('classifies %j as %s', (character, expected) => {
    expect(classifyPasswordCharacter(character)).toBe(expected);
  });
});

describe('hashPassword / verifyPassword', () => {
  let stored: string;
  beforeAll(async () => {
    stored = await hashPassword('Correct-horse1');
  });

  it('stores scrypt parameters, salt and hash, never the password', () => {
    expect(stored).toMatch(/^scrypt\$65536\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('Correct-horse1');
  });

  it('salts every hash', async () => {
    await expect(hashPassword('Correct-horse1')).resolves.not.toBe(stored);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    await expect(verifyPassword('Correct-horse1', stored)).resolves.toBe(true);
    await expect(verifyPassword('Correct-horse2', stored)).resolves.toBe(false);
  });

  it.each(['', 'plain', 'bcrypt$1$2$3$a$b', 'scrypt$x$8$1$c2FsdA==$aGFzaA==', 'scrypt$1024$8$1$c2FsdA==$'])(
    'refuses the malformed hash %j',
    async (malformed) => {
      await expect(verifyPassword('Correct-horse1', malformed)).resolves.toBe(false);
    },
  );
});

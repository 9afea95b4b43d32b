import {
  TOKEN_PREFIX,
  digestTokenValue,
  generateTokenValue,
  tokenIdOf,
  tokenMatches,
} from '../../../lambdas/core/user-auth/token-format';

describe('Personal access token values', () => {
  it('are mwpat_, a 32-hex-digit id, _ and 43 base64url characters', () => {
    const { tokenId, value } = generateTokenValue();

    expect(TOKEN_PREFIX).toBe('mwpat_');
    expect(tokenId).toMatch(/^[0-9a-f]{32}$/);
    expect(value).toMatch(new RegExp(`^mwpat_${tokenId}_[A-Za-z0-9_-]{43}$`));
  });

  it('never repeat', () => {
    const values = new Set(Array.from({ length: 1000 }, () => generateTokenValue().value));

    expect(values.size).toBe(1000);
  });

  it('give back their id, also when the secret holds underscores', () => {
    const value = `mwpat_${'0123456789abcdef'.repeat(2)}_${'_'.repeat(43)}`;

    expect(tokenIdOf(value)).toBe('0123456789abcdef'.repeat(2));
  });

  it.each([
    '',
    'mwpat_',
    'mwpat__',
    `MWPAT_${'0'.repeat(32)}_${'A'.repeat(43)}`,
    `mwpat_${'0'.repeat(31)}_${'A'.repeat(43)}`,
    `mwpat_${'A'.repeat(32)}_${'A'.repeat(43)}`,
    `mwpat_${'0'.repeat(32)}-${'A'.repeat(43)}`,
    `mwpat_${'0'.repeat(32)}_${'A'.repeat(42)}=`,
    `mwpat_${'0'.repeat(32)}_${'A'.repeat(43)}\n`,
    ` mwpat_${'0'.repeat(32)}_${'A'.repeat(43)}`,
    `mwpat_${'0'.repeat(32)}_${'A'.repeat(42)}é`,
    'Correct-horse1',
  ])('have no id when malformed (%#)', (value) => {
    expect(tokenIdOf(value)).toBeUndefined();
  });
});

describe('Token digests', () => {
  it('are the base64url SHA-256 of the whole value', () => {
    expect(digestTokenValue('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });

  it('match the value they were made from, and no other', () => {
    const { value } = generateTokenValue();
    const digest = digestTokenValue(value);

    expect(tokenMatches(value, digest)).toBe(true);
    expect(tokenMatches(`${value}x`, digest)).toBe(false);
    expect(tokenMatches(generateTokenValue().value, digest)).toBe(false);
  });

  it('match nothing when missing or malformed, the all-zero digest included', () => {
    const { value } = generateTokenValue();

    expect(tokenMatches(value, undefined)).toBe(false);
    expect(tokenMatches(value, '')).toBe(false);
    expect(tokenMatches(value, digestTokenValue(value).slice(0, 20))).toBe(false);
    expect(tokenMatches(value, Buffer.alloc(32).toString('base64url'))).toBe(false);
  });
});

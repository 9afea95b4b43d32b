import { Type } from '@sinclair/typebox';
import { InvalidParameterException } from '../../../lambdas/core/api/errors';
import { validate } from '../../../lambdas/core/api/validation';

// AWS's wording for the first violation: "1 validation error detected: Value '<value>' at '<member>' failed to
// satisfy constraint: <constraint>", members in lowerCamelCase, list items as "member".
const Input = Type.Object({
  OrganizationId: Type.String({ pattern: '^m-[0-9a-f]{32}$' }),
  Name: Type.Optional(Type.String({ minLength: 2, maxLength: 4 })),
  Tags: Type.Optional(Type.Array(Type.String({ maxLength: 3 }), { minItems: 1, maxItems: 2 })),
  MaxResults: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  Ratio: Type.Optional(Type.Number({ minimum: 0.5, maximum: 1.5 })),
  State: Type.Optional(Type.Union([Type.Literal('ENABLED'), Type.Literal('DISABLED')])),
  Filters: Type.Optional(Type.Object({ UsernamePrefix: Type.String() })),
});
const ORG = `m-${'0'.repeat(32)}`;

function failure(value: unknown): string {
  try {
    validate(Input, value);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidParameterException);
    return (error as Error).message;
  }
  throw new Error('expected a validation error');
}

const prefix = (value: string, member: string) =>
  `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: `;

describe('validate', () => {
  it('returns a valid input unchanged', () => {
    const input = { OrganizationId: ORG, Name: 'ana', Tags: ['a'], MaxResults: 100, State: 'ENABLED' };

    expect(validate(Input, input)).toBe(input);
  });

  it.each([
    [{}, prefix('null', 'organizationId') + 'Member must not be null'],
    [
      { OrganizationId: 'x' },
      prefix('x', 'organizationId') + 'Member must satisfy regular expression pattern: ^m-[0-9a-f]{32}$',
    ],
    [
      { OrganizationId: ORG, Name: 'a' },
      prefix('a', 'name') + 'Member must have length greater than or equal to 2',
    ],
    [
      { OrganizationId: ORG, Name: 'abcde' },
      prefix('abcde', 'name') + 'Member must have length less than or equal to 4',
    ],
    [
      { OrganizationId: ORG, Tags: [] },
      prefix('[]', 'tags') + 'Member must have length greater than or equal to 1',
    ],
    [
      { OrganizationId: ORG, Tags: ['a', 'b', 'c'] },
      prefix('["a","b","c"]', 'tags') + 'Member must have length less than or equal to 2',
    ],
    [
      { OrganizationId: ORG, Tags: ['abcd'] },
      prefix('abcd', 'tags.member') + 'Member must have length less than or equal to 3',
    ],
    [
      { OrganizationId: ORG, MaxResults: 0 },
      prefix('0', 'maxResults') + 'Member must have value greater than or equal to 1',
    ],
    [
      { OrganizationId: ORG, MaxResults: 101 },
      prefix('101', 'maxResults') + 'Member must have value less than or equal to 100',
    ],
    [
      { OrganizationId: ORG, Ratio: 0.25 },
      prefix('0.25', 'ratio') + 'Member must have value greater than or equal to 0.5',
    ],
    [
      { OrganizationId: ORG, Ratio: 2 },
      prefix('2', 'ratio') + 'Member must have value less than or equal to 1.5',
    ],
    [
      { OrganizationId: ORG, State: 'GONE' },
      prefix('GONE', 'state') + 'Member must satisfy enum value set: [ENABLED, DISABLED]',
    ],
    [
      { OrganizationId: ORG, MaxResults: 'ten' },
      prefix('ten', 'maxResults') + 'Member must be of type integer',
    ],
    [
      { OrganizationId: ORG, Filters: { UsernamePrefix: 7 } },
      prefix('7', 'filters.usernamePrefix') + 'Member must be of type string',
    ],
  ])('reports %j as %s', (value, message) => {
    expect(failure(value)).toBe(message);
  });

  it('names the whole request when the body is not an object', () => {
    expect(failure('text')).toBe(prefix('text', 'request') + 'Member must be of type object');
  });
});

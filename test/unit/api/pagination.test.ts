import { randomBytes } from 'node:crypto';
import { InvalidParameterException } from '../../../lambdas/core/api/errors';
import { PageTokens, listPage } from '../../../lambdas/core/api/pagination';

describe('PageTokens', () => {
  const tokens = new PageTokens(randomBytes(32));

  it('round-trips a cursor for the same listing', () => {
    const token = tokens.encode({ pk: 'ORG#m-1', sk: 'ENTITY#a' }, 'ListUsers|m-1|{}');
    expect(tokens.decode(token, 'ListUsers|m-1|{}')).toEqual({ pk: 'ORG#m-1', sk: 'ENTITY#a' });
  });

  it('rejects a token replayed against another organization', () => {
    const token = tokens.encode({ pk: 'ORG#m-1' }, 'ListUsers|m-1|{}');
    expect(() => tokens.decode(token, 'ListUsers|m-2|{}')).toThrow(InvalidParameterException);
  });

  it('rejects a token whose cursor was edited', () => {
    const [, signature] = tokens.encode({ pk: 'ORG#m-1' }, 'b').split('.');
    const forged = `${Buffer.from(JSON.stringify({ pk: 'ORG#m-2' })).toString('base64url')}.${signature}`;
    expect(() => tokens.decode(forged, 'b')).toThrow(InvalidParameterException);
  });

  it('rejects garbage', () => {
    expect(() => tokens.decode('not-a-token', 'b')).toThrow(InvalidParameterException);
  });

  it('omits NextToken on the last page', async () => {
    const page = await listPage(tokens, 'b', {}, async (request) => ({ items: [request.limit] }));
    expect(page).toEqual({ items: [100] });
  });
});

import { Type } from '@sinclair/typebox';
import { defineOperation, type Operation } from '../../../lambdas/core/api/operation';
import { coerce, compileRestRoutes } from '../../../lambdas/http/rest';
import { createTestApi, KEY, ORG } from './api-fixture';
import { signRequest } from './signing';

const operation = (name: string, method: 'GET' | 'POST', path: string) =>
  defineOperation({
    name,
    service: 'WorkMailService',
    summary: name,
    input: Type.Object({ OrganizationId: Type.String() }),
    output: Type.Object({}),
    errors: [],
    route: { method, path },
    mutating: false,
    handle: async () => ({}),
  }) as unknown as Operation;

describe('REST routes', () => {
  it('refuses two operations on the same method and path shape', () => {
    expect(() =>
      compileRestRoutes([operation('A', 'GET', '/o/{OrganizationId}'), operation('B', 'GET', '/o/{Other}')]),
    ).toThrow(/share the REST route/);
  });

  it('refuses a path parameter that is not an input member', () => {
    expect(() => compileRestRoutes([operation('A', 'GET', '/o/{Nope}')])).toThrow(/not an input member/);
  });

  it('converts query strings to the schema type and leaves the rest to validation', () => {
    expect(coerce(Type.Integer(), '42')).toBe(42);
    expect(coerce(Type.Integer(), 'x')).toBe('x');
    expect(coerce(Type.Boolean(), 'false')).toBe(false);
    expect(coerce(Type.Array(Type.Integer()), '1,2')).toEqual([1, 2]);
    expect(coerce(Type.Object({}), '{"a":1}')).toEqual({ a: 1 });
    expect(coerce(Type.Object({}), '{')).toBe('{');
    expect(coerce(Type.String(), '007')).toBe('007');
  });
});

describe('REST through createHttpApi', () => {
  const { api, json } = createTestApi();

  const rest = (method: string, path: string, query: Record<string, string> = {}, body = '') =>
    signRequest({ accessKeyId: KEY.accessKeyId, secret: KEY.secret, method, path, query, body }).then(api);

  it('takes members from the decoded path and the typed query string', async () => {
    const response = await rest('GET', `/organizations/${ORG}/users/alice%40example.com`, {
      MaxResults: '5',
      Flag: 'true',
    });

    expect(response.statusCode).toBe(200);
    expect(json(response.body)).toEqual({
      OrganizationId: ORG,
      UserId: 'alice@example.com',
      MaxResults: 5,
      Flag: true,
    });
  });

  it('strips the base path', async () => {
    const response = await rest('GET', `/prod/organizations/${ORG}/users/bob`);

    expect(json(response.body)).toMatchObject({ UserId: 'bob' });
  });

  it('reports a query value of the wrong type as InvalidParameterException', async () => {
    const response = await rest('GET', `/organizations/${ORG}/users/bob`, { MaxResults: 'many' });

    expect(json(response.body).__type).toBe('InvalidParameterException');
  });

  it('takes members from the JSON body for POST', async () => {
    const response = await rest('POST', '/nothing', {}, '{"Name":"x"}');

    expect(response.statusCode).toBe(200);
  });

  it('answers 405 for a known path with another method and 404 for an unknown path', async () => {
    expect((await rest('DELETE', '/nothing')).statusCode).toBe(405);
    expect((await rest('GET', '/nowhere')).statusCode).toBe(404);
  });

  it('requires a signature', async () => {
    const response = await api({
      method: 'GET',
      path: `/organizations/${ORG}/users/bob`,
      query: {},
      headers: {},
      body: Buffer.alloc(0),
    });

    expect(response.statusCode).toBe(403);
  });
});

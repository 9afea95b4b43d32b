import { compilePath, findRoute, matchPath } from '../../../lambdas/http/routes';

describe('routes', () => {
  it('decodes path parameters', () => {
    expect(matchPath(compilePath('/users/{UserId}'), '/users/alice%40example.com')).toEqual({
      UserId: 'alice@example.com',
    });
  });

  it('does not match a path of another length or literal', () => {
    expect(matchPath(compilePath('/users/{UserId}'), '/users')).toBeUndefined();
    expect(matchPath(compilePath('/users/{UserId}'), '/groups/x')).toBeUndefined();
  });

  it('does not match a badly encoded segment', () => {
    expect(matchPath(compilePath('/users/{UserId}'), '/users/%E0%A4%A')).toBeUndefined();
  });

  it('prefers the route with more literal segments', () => {
    const routes = [
      { method: 'GET', compiled: compilePath('/users/{UserId}'), name: 'param' },
      { method: 'GET', compiled: compilePath('/users/search'), name: 'literal' },
    ];

    expect(findRoute(routes, 'GET', '/users/search').route?.name).toBe('literal');
    expect(findRoute(routes, 'GET', '/users/bob').route?.name).toBe('param');
  });

  it('tells a path served for another method from an unknown path', () => {
    const routes = [{ method: 'GET', compiled: compilePath('/users') }];

    expect(findRoute(routes, 'POST', '/users')).toEqual({ pathMatched: true });
    expect(findRoute(routes, 'POST', '/groups')).toEqual({ pathMatched: false });
  });
});

import { catalog } from '../../../lambdas/core/api/catalog';
import { buildOpenApiDocument } from '../../../lambdas/http/openapi';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        parameters?: Array<{ name: string; in: string }>;
        requestBody?: { content: Record<string, { schema: { $ref?: string; properties?: object } }> };
        responses: Record<string, unknown>;
      }
    >
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  security: unknown[];
};

describe('buildOpenApiDocument', () => {
  const document = buildOpenApiDocument(catalog, { serverUrl: 'http://127.0.0.1:8080' }) as unknown as Doc;

  it('is an OpenAPI 3.1 document secured by SigV4', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.security).toEqual([{ sigv4: [] }]);
    expect(document.components.securitySchemes.sigv4).toMatchObject({ in: 'header', name: 'Authorization' });
  });

  it('has every catalog operation in the JSON-protocol view', () => {
    for (const operation of catalog) {
      const view = document.paths[`/#X-Amz-Target=${operation.service}.${operation.name}`]?.post;
      expect(view?.operationId).toBe(`${operation.service}.${operation.name}`);
      expect(view?.requestBody?.content['application/x-amz-json-1.1']?.schema.$ref).toBe(
        `#/components/schemas/${operation.name}Request`,
      );
    }
  });

  it('has every catalog operation in the REST view with its path parameters', () => {
    for (const operation of catalog) {
      const view = document.paths[operation.route.path]?.[operation.route.method.toLowerCase()];
      expect(view?.operationId).toBe(`${operation.name}Rest`);
      const pathParams = [...operation.route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(view?.parameters?.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(pathParams);
    }
  });

  it('resolves every schema reference', () => {
    const refs = [
      ...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/(schemas|responses)\/([^"]+)"/g),
    ];
    expect(refs.length).toBeGreaterThan(0);
    for (const [, section, name] of refs) {
      expect(
        (document.components as Record<string, Record<string, unknown>>)[section!]![name!],
      ).toBeDefined();
    }
  });

  it('is plain JSON (no TypeBox symbols lost in a way that changes the content)', () => {
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });
});

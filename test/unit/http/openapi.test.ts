import * as workmail from '@aws-sdk/client-workmail';
import { readFileSync } from 'node:fs';
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
        summary?: string;
        'x-mailwright-errors'?: string[];
        parameters?: Array<{ name: string; in: string }>;
        requestBody?: { content: Record<string, { schema: { $ref?: string; properties?: object } }> };
        responses: Record<string, unknown>;
      }
    >
  >;
  components: { schemas: Record<string, { required?: string[] }>; securitySchemes: Record<string, unknown> };
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

  it('gives every operation a one-line summary in both views', () => {
    const views = Object.values(document.paths).flatMap((methods) => Object.values(methods));

    expect(views).toHaveLength(2 * catalog.length);
    for (const view of views) expect(view.summary).toMatch(/^\S[^\n]*$/);
  });

  it('serves each operation at the REST route docs/api.md documents for it', () => {
    const documentation = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
    const documented = [
      ...documentation.matchAll(/^\| `(\w+)\.(\w+)` \| `(GET|POST|PUT|PATCH|DELETE) (\S+)` \|/gm),
    ];

    expect(new Set(documented.map(([, service, name]) => `${service}.${name}`)).size).toBe(catalog.length);
    for (const [, service, name, method, path] of documented) {
      const view = document.paths[path!]?.[method!.toLowerCase()];
      expect({ action: `${service}.${name}`, operationId: view?.operationId }).toEqual({
        action: `${service}.${name}`,
        operationId: `${name}Rest`,
      });
    }
  });

  describe('declared errors (x-mailwright-errors)', () => {
    const declared = catalog.map((operation) => ({
      operation,
      errors:
        document.paths[`/#X-Amz-Target=${operation.service}.${operation.name}`]!.post![
          'x-mailwright-errors'
        ]!,
    }));

    it('names only exceptions of the WorkMail model, or AccessDeniedException, common to all AWS APIs', () => {
      const known = new Set([
        ...Object.keys(workmail).filter(
          (name) =>
            (workmail as Record<string, unknown>)[name] !== workmail.WorkMailServiceException &&
            (workmail as Record<string, { prototype?: unknown }>)[name]?.prototype instanceof
              workmail.WorkMailServiceException,
        ),
        'AccessDeniedException',
      ]);

      const unknown = declared.flatMap(({ operation, errors }) =>
        errors.filter((name) => !known.has(name)).map((name) => `${operation.name}: ${JSON.stringify(name)}`),
      );

      expect(known.size).toBeGreaterThan(20);
      expect(unknown).toEqual([]);
    });

    it('includes OrganizationNotFoundException wherever an OrganizationId is required, as in the WorkMail model', () => {
      const taking = declared.filter(({ operation }) =>
        document.components.schemas[`${operation.name}Request`]?.required?.includes('OrganizationId'),
      );

      const missing = taking.filter(({ errors }) => !errors.includes('OrganizationNotFoundException'));

      expect(taking.length).toBeGreaterThan(40);
      expect(missing.map(({ operation }) => operation.name)).toEqual([]);
    });
  });
});

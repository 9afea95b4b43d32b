import {
  CreateOrganizationCommand,
  DescribeOrganizationCommand,
  InvalidParameterException,
  ListOrganizationsCommand,
} from '@aws-sdk/client-workmail';
import {
  GetRawMessageContentCommand,
  ResourceNotFoundException,
  WorkMailMessageFlowClient,
} from '@aws-sdk/client-workmailmessageflow';
import { catalog } from '../../lambdas/core/api/catalog';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const BAD_ORG_ID = `m-${'z'.repeat(32)}`;

describe('E2E: admin API through real clients', () => {
  let mw: TestRuntime;

  beforeAll(async () => {
    mw = await startTestRuntime();
  });

  afterAll(async () => {
    await mw?.stop();
  });

  describe('@aws-sdk/client-workmail', () => {
    it('creates, describes and lists an organization', async () => {
      const client = mw.workmail();

      const { OrganizationId } = await client.send(new CreateOrganizationCommand({ Alias: 'sdk-org' }));
      const described = await client.send(new DescribeOrganizationCommand({ OrganizationId }));
      const listed = await client.send(new ListOrganizationsCommand({}));

      expect(OrganizationId).toMatch(/^m-[0-9a-f]{32}$/);
      expect(described).toMatchObject({ OrganizationId, Alias: 'sdk-org', State: 'Active' });
      expect(listed.OrganizationSummaries?.map((o) => o.OrganizationId)).toContain(OrganizationId);
    });

    it('surfaces a malformed organization id as InvalidParameterException', async () => {
      const failure = await mw
        .workmail()
        .send(new DescribeOrganizationCommand({ OrganizationId: BAD_ORG_ID }))
        .catch((e: unknown) => e);

      expect(failure).toBeInstanceOf(InvalidParameterException);
      expect((failure as InvalidParameterException).$metadata.httpStatusCode).toBe(400);
    });
  });

  describe('aws CLI', () => {
    it('creates, describes and lists an organization', async () => {
      const created = await mw.cli(['create-organization', '--alias', 'cli-org']);
      const id = created.json?.OrganizationId as string;

      const described = await mw.cli(['describe-organization', '--organization-id', id]);
      const listed = await mw.cli(['list-organizations']);

      expect(created.code).toBe(0);
      expect(described.json).toMatchObject({
        OrganizationId: id,
        Alias: 'cli-org',
        DefaultMailDomain: 'cli-org.mailwright.localhost',
      });
      expect(listed.stdout).toContain(id);
    });

    it('prints EntityNotFoundException for describe-user of an unknown user', async () => {
      const created = await mw.cli(['create-organization', '--alias', 'cli-nobody']);
      const id = created.json?.OrganizationId as string;

      const result = await mw.cli(['describe-user', '--organization-id', id, '--user-id', 'nobody']);

      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('EntityNotFoundException');
    });

    it('creates and describes a user', async () => {
      const org = (await mw.cli(['create-organization', '--alias', 'cli-users'])).json
        ?.OrganizationId as string;

      const created = await mw.cli([
        'create-user',
        '--organization-id',
        org,
        '--name',
        'alice',
        '--display-name',
        'Alice',
        '--password',
        'Passw0rd!Passw0rd',
      ]);
      const described = await mw.cli([
        'describe-user',
        '--organization-id',
        org,
        '--user-id',
        created.json?.UserId as string,
      ]);

      expect(created.code).toBe(0);
      expect(described.json).toMatchObject({
        UserId: created.json?.UserId,
        Name: 'alice',
        DisplayName: 'Alice',
      });
    });

    it('prints InvalidParameterException for a malformed organization id', async () => {
      const result = await mw.cli(['describe-organization', '--organization-id', BAD_ORG_ID]);

      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('InvalidParameterException');
    });
  });

  describe('REST and OpenAPI', () => {
    it('serves /openapi.json without a signature, with every catalog operation in both views', async () => {
      const response = await fetch(`${mw.endpoint}/openapi.json`);
      const document = (await response.json()) as {
        openapi: string;
        paths: Record<string, Record<string, unknown>>;
      };

      expect(response.status).toBe(200);
      expect(document.openapi).toBe('3.1.0');
      for (const operation of catalog) {
        expect(document.paths[`/#X-Amz-Target=${operation.service}.${operation.name}`]?.post).toBeDefined();
        expect(document.paths[operation.route.path]?.[operation.route.method.toLowerCase()]).toBeDefined();
      }
    });

    it('creates and reads an organization through REST routes', async () => {
      const created = await mw.call({ method: 'POST', path: '/organizations', body: { Alias: 'rest-org' } });
      const id = created.json.OrganizationId as string;

      const described = await mw.call({ method: 'GET', path: `/organizations/${id}` });
      const listed = await mw.call({ method: 'GET', path: '/organizations', query: { MaxResults: '50' } });

      expect(created.status).toBe(200);
      expect(described.json).toMatchObject({ OrganizationId: id, Alias: 'rest-org' });
      expect(JSON.stringify(listed.json)).toContain(id);
    });

    it('reports a REST validation failure in the AWS error shape', async () => {
      const response = await mw.call({ method: 'GET', path: '/organizations', query: { MaxResults: '101' } });

      expect(response.status).toBe(400);
      expect(response.json.__type).toBe('InvalidParameterException');
    });

    it('requires a signature on REST routes', async () => {
      const response = await mw.call({ method: 'GET', path: '/organizations', sign: false });

      expect(response.status).toBe(403);
    });
  });

  describe('mounted Message Flow API', () => {
    it('answers @aws-sdk/client-workmailmessageflow on the same port (unknown message → 404)', async () => {
      const client = new WorkMailMessageFlowClient({
        endpoint: mw.endpoint,
        region: mw.region,
        credentials: mw.credentials,
        maxAttempts: 1,
      });

      const failure = await client
        .send(new GetRawMessageContentCommand({ messageId: 'no-such-message' }))
        .catch((e: unknown) => e);
      client.destroy();

      expect(failure).toBeInstanceOf(ResourceNotFoundException);
      expect((failure as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);
    });
  });
});

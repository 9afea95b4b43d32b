import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  GetRawMessageContentCommand,
  PutRawMessageContentCommand,
  WorkMailMessageFlowClient,
} from '@aws-sdk/client-workmailmessageflow';
import { SignatureDoesNotMatch } from '../../lambdas/core/api/errors';
import {
  MESSAGE_FLOW_WINDOW_MS,
  beginSynchronousRule,
  endSynchronousRule,
  finishInFlightMessage,
  openInFlightMessage,
} from '../../lambdas/core/message-flow';
import {
  adminSignatureVerifier,
  createMessageFlowRoutes,
  messageFlowHttpRoutes,
} from '../../lambdas/http/message-flow';
import type { HttpRequest } from '../../lambdas/http/types';
import {
  MemoryContentBuckets,
  MemoryInFlightMessageStore,
  MemoryObjects,
  ORIGINAL_MIME,
} from '../unit/message-flow/memory-stores';
import { serveRoute } from './message-flow-harness';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:disclaimer';
const EDITED = ORIGINAL_MIME.replace('Hello Bob.', 'Hello Bob.\r\n-- \r\nDisclaimer');
const ADMIN_KEY = 'AKIDMAILWRIGHTADMIN';

let time = 1_700_000_000_000;
const inFlight = new MemoryInFlightMessageStore();
const objects = new MemoryObjects();
const contentBuckets = new MemoryContentBuckets();
contentBuckets.byOrganization.set(ORG, ['lambda-bucket']);
const deps = {
  inFlight,
  rawMessages: objects,
  contentSource: objects,
  contentBuckets,
  reservedBuckets: ['inbound'],
  logger: { warn: () => undefined },
  now: () => time,
};
/** Stand-in for C's verifier: requests naming ADMIN_KEY are admin requests; a bad signature header fails. */
const verifyAdminSignature = async (request: HttpRequest) => {
  const authorization = request.headers.authorization ?? '';
  if (!authorization.includes(`Credential=${ADMIN_KEY}/`)) return undefined;
  if (!/\/workmailmessageflow\/aws4_request/.test(authorization)) throw new SignatureDoesNotMatch();
  return { accessKeyId: ADMIN_KEY, organizations: [ORG] };
};
let server: Awaited<ReturnType<typeof serveRoute>>;
const client = (credentials = { accessKeyId: 'AKIDLAMBDAROLE', secretAccessKey: 'lambda-role-secret' }) =>
  new WorkMailMessageFlowClient({
    endpoint: `${server.url}/prod`,
    region: 'eu-west-1',
    credentials,
    maxAttempts: 1,
  });
const read = async (messageId: string, c = client()) =>
  Buffer.from(
    await (
      await c.send(new GetRawMessageContentCommand({ messageId }))
    ).messageContent!.transformToByteArray(),
  ).toString();
const put = (messageId: string, key: string, c = client(), bucket = 'lambda-bucket') =>
  c.send(
    new PutRawMessageContentCommand({
      messageId,
      content: { s3Reference: { bucket, key, objectVersion: 'v1' } },
    }),
  );
const open = async () => {
  const key = `raw/${Math.random()}`;
  objects.set('inbound', key, ORIGINAL_MIME);
  return (
    await openInFlightMessage(deps, {
      organizationId: ORG,
      mailboxIds: ['S-1-recipient'],
      direction: 'INBOUND',
      original: { bucket: 'inbound', key },
    })
  ).messageId;
};

beforeAll(async () => {
  objects.set('lambda-bucket', 'edited', EDITED);
  objects.set('lambda-bucket', 'forged', ORIGINAL_MIME.replace('<abc@example.com>', '<forged@example.com>'));
  objects.set('lambda-bucket', 'malformed', `SECRET-3d9f first line\r\n${ORIGINAL_MIME}`);
  objects.set('other-org-bucket', 'edited', EDITED);
  server = await serveRoute(createMessageFlowRoutes({ ...deps, verifyAdminSignature }));
});
afterAll(() => server.close());

describe('Message Flow API over HTTP with @aws-sdk/client-workmailmessageflow', () => {
  it('GetRawMessageContent returns the raw MIME bytes under a base path', async () => {
    expect(await read(await open())).toBe(ORIGINAL_MIME);
  });

  it('maps an unknown message to ResourceNotFoundException (404)', async () => {
    await expect(read('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('PutRawMessageContent replaces the delivered content while a synchronous rule is pending', async () => {
    const id = await open();
    await beginSynchronousRule(deps, id, ARN);

    const output = await put(id, 'edited');
    const deliver = await endSynchronousRule(deps, id);

    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(Buffer.from(await objects.get(deliver!)).toString()).toBe(EDITED);
    expect(await read(id)).toBe(EDITED);
  });

  it('stores without changing delivery after the rule ended', async () => {
    const id = await open();
    await finishInFlightMessage(deps, id, 'DELIVERED');

    await put(id, 'edited');

    expect(await read(id)).toBe(EDITED);
    expect((await inFlight.get(id))?.effective).toBeUndefined();
  });

  it('surfaces MessageFrozen as the SDK error of that name', async () => {
    const id = await open();
    await finishInFlightMessage(deps, id, 'REDIRECTED');

    await expect(put(id, 'edited')).rejects.toMatchObject({
      name: 'MessageFrozen',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers a bucket not allowed, a missing object and invalid MIME with one identical error', async () => {
    const id = await open();
    const answer = async (key: string, bucket?: string) => {
      const error = (await put(id, key, client(), bucket).catch((caught: unknown) => caught)) as {
        name: string;
        message: string;
        $metadata: { httpStatusCode: number };
      };
      return { name: error.name, message: error.message, status: error.$metadata.httpStatusCode };
    };

    const notAllowed = await answer('edited', 'other-org-bucket');

    expect(notAllowed).toMatchObject({ name: 'InvalidContentLocation', status: 400 });
    expect(notAllowed.message).not.toMatch(/other-org-bucket|edited/);
    for (const key of ['missing', 'forged', 'malformed']) expect(await answer(key)).toEqual(notAllowed);
    expect(objects.reads.some((location) => location.bucket === 'other-org-bucket')).toBe(false);
  });

  it('refuses ids after their 24 h window', async () => {
    const id = await open();
    time += MESSAGE_FLOW_WINDOW_MS;

    await expect(read(id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(put(id, 'edited')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('accepts requests signed by a Mailwright admin key scoped to the organization', async () => {
    const id = await open();

    expect(await read(id, client({ accessKeyId: ADMIN_KEY, secretAccessKey: 'x' }))).toBe(ORIGINAL_MIME);
  });

  it('refuses unsigned requests and leaves other paths to other routes', async () => {
    const id = await open();
    const unsigned = await fetch(`${server.url}/prod/messages/${id}`);
    const route = createMessageFlowRoutes(deps);

    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('IncompleteSignature');
    expect(
      await route({ method: 'GET', path: '/organizations', query: {}, headers: {}, body: Buffer.alloc(0) }),
    ).toBeUndefined();
  });

  it('answers malformed Put bodies with SerializationException', async () => {
    const id = await open();
    const route = createMessageFlowRoutes(deps);
    const headers = {
      authorization:
        'AWS4-HMAC-SHA256 Credential=AK/20261122/eu-west-1/workmailmessageflow/aws4_request, Signature=x',
    };

    const response = await route({
      method: 'POST',
      path: `/messages/${id}`,
      query: {},
      headers,
      body: Buffer.from('{"content":{}}'),
    });

    expect(response).toMatchObject({
      statusCode: 400,
      headers: { 'x-amzn-errortype': 'SerializationException' },
    });
  });
});

describe('Message Flow API with boto3', () => {
  it('reads and replaces a message through boto3 workmailmessageflow', async () => {
    const id = await open();
    await beginSynchronousRule(deps, id, ARN);
    const script = fileURLToPath(new URL('./message-flow-boto3.py', import.meta.url));

    const { stdout } = await promisify(execFile)(
      'python3',
      [script, `${server.url}/prod`, id, 'lambda-bucket', 'edited'],
      {
        env: { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null' },
      },
    );
    const result = JSON.parse(stdout) as Record<string, string>;

    expect(result.before).toBe(ORIGINAL_MIME);
    expect(result.after).toBe(EDITED);
    expect(result.missing).toBe('ResourceNotFoundException');
    expect(result.invalid).toBe('InvalidContentLocation');
    expect(Buffer.from(await objects.get((await endSynchronousRule(deps, id))!)).toString()).toBe(EDITED);
  });
});

describe('Message Flow API with Mailwright admin keys (full SigV4 verification)', () => {
  const KEY = 'AKMW0123456789ABCDEF';
  const SECRET = 'a'.repeat(40);
  let admin: Awaited<ReturnType<typeof serveRoute>>;
  const keys = {
    resolve: async (accessKeyId: string) =>
      accessKeyId === KEY ? { accessKeyId, secret: SECRET, organizations: [ORG] } : undefined,
  };
  const adminClient = (secretAccessKey: string, accessKeyId = KEY) =>
    new WorkMailMessageFlowClient({
      endpoint: admin.url,
      region: 'eu-west-1',
      credentials: { accessKeyId, secretAccessKey },
      maxAttempts: 1,
    });
  beforeAll(async () => {
    admin = await serveRoute(
      createMessageFlowRoutes({
        ...deps,
        now: () => Date.now(),
        verifyAdminSignature: adminSignatureVerifier(keys),
      }),
    );
  });
  afterAll(() => admin.close());
  const openNow = async (organizationId = ORG) => {
    objects.set('inbound', 'raw/admin', ORIGINAL_MIME);
    const original = { bucket: 'inbound', key: 'raw/admin' };
    return (
      await openInFlightMessage(
        { ...deps, now: () => Date.now() },
        { organizationId, mailboxIds: ['S-1-sender'], direction: 'OUTBOUND', original },
      )
    ).messageId;
  };

  it('serves a request correctly signed with an admin key', async () => {
    expect(await read(await openNow(), adminClient(SECRET))).toBe(ORIGINAL_MIME);
  });

  it('refuses a wrong admin signature with SignatureDoesNotMatch (403)', async () => {
    await expect(read(await openNow(), adminClient('b'.repeat(40)))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('refuses an admin key outside the message organization', async () => {
    await expect(
      read(await openNow('m-ffffffffffffffffffffffffffffffff'), adminClient(SECRET)),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });

  it('treats non-admin credentials as capability requests', async () => {
    expect(await read(await openNow(), adminClient('anything', 'AKIAIOSFODNN7EXAMPLE'))).toBe(ORIGINAL_MIME);
  });

  it('exposes the same handler as router routes', async () => {
    const routes = messageFlowHttpRoutes(deps);
    expect(routes.map((route) => `${route.method} ${route.path} ${route.auth}`)).toEqual([
      'GET /messages/{messageId} none',
      'POST /messages/{messageId} none',
    ]);
    const response = await routes[0].handle(
      {
        method: 'GET',
        path: '/messages/unknown',
        query: {},
        headers: {
          authorization:
            'AWS4-HMAC-SHA256 Credential=AK/20261122/eu-west-1/workmailmessageflow/aws4_request, Signature=x',
        },
        body: Buffer.alloc(0),
      },
      { requestId: 'r', params: { messageId: 'unknown' } },
    );
    expect(response).toMatchObject({
      statusCode: 404,
      headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
    });
  });
});

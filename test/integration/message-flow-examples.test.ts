import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { jest } from '@jest/globals';
import {
  ModuleFunctionInvoker,
  parseFunctionTargets,
} from '../../lambdas/adapters/local/module-function-invoker';
import { buildLambdaEvent, runSynchronousLambda, systemClock } from '../../lambdas/core/flow-lambda';
import {
  InvalidContentLocation,
  beginSynchronousRule,
  endSynchronousRule,
  openInFlightMessage,
  type ContentSource,
} from '../../lambdas/core/message-flow';
import { createMessageFlowRoutes } from '../../lambdas/http/message-flow';
import { MemoryInFlightMessageStore, MemoryObjects, ORIGINAL_MIME } from '../unit/message-flow/memory-stores';
import { testBucketNames, testS3Client, testS3Endpoint } from '../support/s3';
import { serveRoute } from './message-flow-harness';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const HELLO = 'arn:aws:lambda:us-east-1:111122223333:function:mailwright-hello-world';
const DISCLAIMER = 'arn:aws:lambda:us-east-1:111122223333:function:mailwright-disclaimer';
const examples = fileURLToPath(new URL('../../examples/', import.meta.url));

const { lambda: lambdaBucket } = testBucketNames('lambda');
let s3: S3Client;
/** ContentSource over the local S3 (stand-in for the cloud S3 adapter). */
const contentSource: ContentSource = {
  read: async ({ bucket, key }) => {
    try {
      const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Body!.transformToByteArray();
    } catch (error) {
      throw new InvalidContentLocation(undefined, { cause: error });
    }
  },
};
const inFlight = new MemoryInFlightMessageStore();
const objects = new MemoryObjects();
const logger = { warn: jest.fn(), info: jest.fn() };
const deps = {
  inFlight,
  rawMessages: objects,
  contentSource,
  contentBuckets: { allowedBuckets: async (id: string) => (id === ORG ? [lambdaBucket] : []) },
  reservedBuckets: ['inbound'],
  logger,
  now: () => Date.now(),
};
let api: Awaited<ReturnType<typeof serveRoute>>;
/** The shipped function map, which binds both examples to the organization aliased `acme`. */
const invoker = new ModuleFunctionInvoker(
  parseFunctionTargets(JSON.parse(readFileSync(join(examples, 'local-functions.json'), 'utf8')), examples),
  { organizationAlias: async (id) => (id === ORG ? 'acme' : undefined) },
);

beforeAll(async () => {
  s3 = await testS3Client(lambdaBucket);
  api = await serveRoute(createMessageFlowRoutes(deps));
  // The examples build their clients from the standard environment, exactly as in Lambda.
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_WORKMAILMESSAGEFLOW: api.url,
    AWS_ENDPOINT_URL_S3: testS3Endpoint(),
    S3_FORCE_PATH_STYLE: 'true',
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    UPDATED_EMAIL_S3_BUCKET: lambdaBucket,
    DISCLAIMER_TEXT: 'Confidential: Example Corp.',
  });
});
afterAll(async () => {
  await api.close();
  s3.destroy();
});

async function receive() {
  objects.set('inbound', 'raw/1', ORIGINAL_MIME);
  const message = await openInFlightMessage(deps, {
    organizationId: ORG,
    mailboxIds: ['S-1-recipient'],
    direction: 'INBOUND',
    original: { bucket: 'inbound', key: 'raw/1' },
  });
  return message.messageId;
}
const eventFor = (messageId: string, functionArn: string) =>
  buildLambdaEvent({
    messageId,
    flowDirection: 'INBOUND',
    mailFrom: 'alice@example.com',
    recipients: ['bob@org.example'],
    subject: 'Quarterly numbers',
    organizationDomains: ['org.example'],
    functionArn,
    ruleName: 'example',
  });

describe('examples run against the local runtime pieces', () => {
  it('hello-world logs the event it receives, without the message id', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const event = eventFor(await receive(), HELLO);

    const result = await invoker.invoke(HELLO, event, {
      organizationId: ORG,
      synchronous: true,
      timeoutMs: 5000,
    });

    const { messageId, ...loggable } = event;
    expect(JSON.parse(Buffer.from(result!).toString())).toEqual({ logged: true });
    expect(JSON.parse(log.mock.calls[0][0] as string)).toEqual({
      message: 'Received email flow event',
      event: loggable,
    });
    expect(JSON.stringify(log.mock.calls)).not.toContain(messageId);
    log.mockRestore();
  });

  it('disclaimer appends its text through the Message Flow API and delivers to everyone', async () => {
    const messageId = await receive();
    const rule = {
      name: 'disclaimer',
      organizationId: ORG,
      lambdaArn: DISCLAIMER,
      synchronous: true,
      fallbackAction: 'DEFAULT' as const,
      ruleTimeoutMinutes: 0,
    };
    await beginSynchronousRule(deps, messageId, DISCLAIMER);

    const outcome = await runSynchronousLambda(
      { invoker, clock: systemClock, logger },
      {
        rule,
        event: eventFor(messageId, DISCLAIMER),
        recipients: ['bob@org.example'],
        isOrganizationAddress: () => true,
      },
    );
    const delivered = Buffer.from(await objects.get((await endSynchronousRule(deps, messageId))!)).toString();

    expect(logger.warn).not.toHaveBeenCalled();
    expect(outcome).toMatchObject({
      source: 'RESPONSE',
      decisions: [{ recipient: 'bob@org.example', action: 'DEFAULT', source: 'RESPONSE' }],
    });
    expect(delivered).toBe(
      ORIGINAL_MIME.replace('Hello Bob.\r\n', 'Hello Bob.\r\n\r\n-- \r\nConfidential: Example Corp.\r\n'),
    );
  });
});

describe('examples/disclaimer appendDisclaimer', () => {
  type Append = (mime: string, text: string) => string;
  const load = async () =>
    ((await import(`${examples}disclaimer/index.mjs`)) as { appendDisclaimer: Append }).appendDisclaimer;
  const message = (headers: string, body: string) =>
    `From: a@example.com\r\nDate: x\r\n${headers}\r\n\r\n${body}`;

  it('appends to a base64 text part and re-encodes it', async () => {
    const append = await load();
    const body = Buffer.from('Grüße').toString('base64');

    const result = append(
      message('Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64', `${body}\r\n`),
      'Fin',
    );
    const encoded = result.split('\r\n\r\n')[1];

    expect(Buffer.from(encoded, 'base64').toString('utf8')).toBe('Grüße\r\n\r\n-- \r\nFin\r\n');
  });

  it('appends quoted-printable-encoded text to a quoted-printable part', async () => {
    const append = await load();

    const result = append(
      message('Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable', 'Hi=\r\n there\r\n'),
      'a=b é',
    );

    expect(result.endsWith('Hi=\r\n there\r\n\r\n-- \r\na=3Db =C3=A9\r\n')).toBe(true);
  });

  it('leaves a message without a text/plain part unchanged', async () => {
    const append = await load();
    const html = message('Content-Type: text/html', '<p>Hi</p>');

    expect(append(html, 'x')).toBe(html);
  });
});

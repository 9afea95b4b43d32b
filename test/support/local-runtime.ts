import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { Hash } from '@smithy/hash-node';
import { HttpRequest as SignableRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { WorkMailClient } from '@aws-sdk/client-workmail';
import type { DNSResolver } from 'mailauth';
import type { FunctionTargets } from '../../lambdas/adapters/local/module-function-invoker';
import type { DeliveryLogger } from '../../lambdas/core/delivery';
import type { MetricsRecorder } from '../../lambdas/core/metrics';
import type { HttpRoute } from '../../lambdas/http/routes';
import { startRuntime, type RunningRuntime, type RuntimeOptions } from '../../lambdas/local/runtime';
import { testDynamoDbEndpoint } from './dynamodb';
import { captureDirectory, capturedLogger, recordSecret } from './log-capture';
import { testS3Endpoint } from './s3';

/** Access key credentials as the SDK and the CLI take them. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** A raw HTTP call to the runtime, signed unless `sign` is false. */
export interface RawCall {
  readonly method?: string;
  readonly path?: string;
  readonly query?: Record<string, string>;
  /** `X-Amz-Target`, e.g. `MailwrightService.CreateAdminKey`; adds the awsJson content type. */
  readonly target?: string;
  readonly body?: unknown;
  readonly credentials?: Credentials;
  /** Signing time. @default - now */
  readonly date?: Date;
  /** @default 'workmail' */
  readonly service?: string;
  /** @default true */
  readonly sign?: boolean;
}

/** What a raw call returned: status, headers and the JSON body (undefined when not JSON). */
export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly json: Record<string, unknown> & { __type?: string; Message?: string };
}

/** What the AWS CLI did: exit code, output, and stdout parsed as JSON when it is. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly json?: Record<string, unknown>;
}

/** A local runtime for e2e tests, with clients bound to it. */
export interface TestRuntime extends RunningRuntime {
  /** The real `@aws-sdk/client-workmail`, pointed at the runtime. @param credentials - default: the admin key */
  workmail(credentials?: Credentials): WorkMailClient;
  /** Runs `aws workmail <args> --endpoint-url … --output json` with env credentials (default: the admin key). */
  cli(args: readonly string[], credentials?: Credentials): Promise<CliResult>;
  /** Sends one raw HTTP request (JSON protocol or REST), SigV4-signed like the SDK signs. */
  call(request: RawCall): Promise<RawResponse>;
}

/**
 * The DNS of the e2e tests' outside world: `outside.example.net` publishes SPF for the loopback address, so mail
 * the tests send from it over SMTP is SPF-authenticated (and its bounces are reported, as SES would). Every other
 * name is unknown (no SPF, DKIM or DMARC: unauthenticated).
 */
export const outsideWorldResolver: DNSResolver = async (name, rrtype) => {
  if (rrtype === 'TXT' && name === 'outside.example.net') return [['v=spf1 ip4:127.0.0.1 -all']];
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND', hostname: name });
};

/**
 * Starts Mailwright in-process on free ports with throwaway data, for e2e suites. It runs on the DynamoDB Local and
 * the s3rver of the global setup, in tables and buckets of its own.
 * @example
 * let mw: TestRuntime;
 * beforeAll(async () => { mw = await startTestRuntime(); });
 * afterAll(() => mw.stop());
 * await mw.workmail().send(new ListOrganizationsCommand({}));
 */
export async function startTestRuntime(
  options: {
    routes?: readonly HttpRoute[];
    functionTargets?: FunctionTargets;
    /** @default - {@link outsideWorldResolver} */
    resolver?: DNSResolver;
    /** @default - quiet: lines go only to the suite-wide log privacy check's capture */
    inboundLogger?: DeliveryLogger;
    /** 0: no journal delivery timer (the suite calls `journaling.deliverDue` with its own clock). @default 60 000 */
    journalDeliveryIntervalMs?: number;
    /** The mail metrics' recorder (a `MemoryMetrics`). @default - none */
    metrics?: MetricsRecorder;
    /** How long email monitoring configurations are cached. @default 60 000 */
    emailEventCacheMs?: number;
    adminSignIn?: RuntimeOptions['adminSignIn'];
  } = {},
): Promise<TestRuntime> {
  const runtime = await startRuntime({
    port: 0,
    smtpPort: 0,
    submissionPort: 0,
    submissionsPort: 0,
    imapPort: 0,
    imapTlsPort: 0,
    functionTargets: options.functionTargets,
    memory: true,
    sharedEngines: {
      dynamoDbEndpoint: testDynamoDbEndpoint(),
      s3Endpoint: testS3Endpoint(),
      resourcePrefix: `mw-${randomUUID().slice(0, 8)}`,
    },
    region: 'us-east-1',
    routes: options.routes,
    // Quiet, but checked: what the runtime logs goes to the log privacy check's capture only.
    logger: capturedLogger,
    resolver: options.resolver ?? outsideWorldResolver,
    inboundLogger: options.inboundLogger ?? capturedLogger,
    journalDeliveryIntervalMs: options.journalDeliveryIntervalMs,
    metrics: options.metrics,
    emailEventCacheMs: options.emailEventCacheMs,
    adminSignIn: options.adminSignIn,
  });
  recordSecret(runtime.credentials.secretAccessKey);
  const clients: WorkMailClient[] = [];
  return {
    ...runtime,
    stop: async () => {
      for (const client of clients) client.destroy();
      // The runtime's JSON-lines logs live in its temporary data directory, which stopping removes.
      await runtime.metrics.recorder.flush();
      captureDirectory(dirname(runtime.metrics.file));
      await runtime.stop();
    },
    workmail: (credentials = runtime.credentials) => {
      const client = new WorkMailClient({
        endpoint: runtime.endpoint,
        region: runtime.region,
        credentials,
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    cli: (args, credentials = runtime.credentials) => runCli(runtime, args, credentials),
    call: (request) => rawCall(runtime, request),
  };
}

function runCli(
  runtime: RunningRuntime,
  args: readonly string[],
  credentials: Credentials,
): Promise<CliResult> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: runtime.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/mailwright-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/mailwright-credentials',
    AWS_MAX_ATTEMPTS: '1',
  };
  const argv = [
    'workmail',
    ...args,
    '--endpoint-url',
    runtime.endpoint,
    '--region',
    runtime.region,
    '--output',
    'json',
  ];
  return new Promise((resolve) => {
    // Asynchronous on purpose: the server runs in this process and must keep answering while the CLI waits.
    execFile('aws', argv, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr, json: parseJson(stdout) });
    });
  });
}

async function rawCall(runtime: RunningRuntime, request: RawCall): Promise<RawResponse> {
  const url = new URL(runtime.endpoint);
  const body =
    request.body === undefined
      ? ''
      : typeof request.body === 'string'
        ? request.body
        : JSON.stringify(request.body);
  const headers: Record<string, string> = { host: url.host };
  if (request.target) {
    headers['x-amz-target'] = request.target;
    headers['content-type'] = 'application/x-amz-json-1.1';
  } else if (body) {
    headers['content-type'] = 'application/json';
  }
  let toSend = new SignableRequest({
    method: request.method ?? 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: request.path ?? '/',
    query: request.query ?? {},
    headers,
    body,
  });
  if (request.sign !== false) {
    const signer = new SignatureV4({
      service: request.service ?? 'workmail',
      region: runtime.region,
      sha256: Hash.bind(null, 'sha256'),
      credentials: request.credentials ?? runtime.credentials,
    });
    toSend = (await signer.sign(toSend, { signingDate: request.date ?? new Date() })) as SignableRequest;
  }
  const query = new URLSearchParams(request.query ?? {}).toString();
  const { host: _host, ...sendHeaders } = toSend.headers;
  const response = await fetch(`${runtime.endpoint}${toSend.path}${query ? `?${query}` : ''}`, {
    method: toSend.method,
    headers: sendHeaders,
    // No body at all when there is none: fetch would label an empty string text/plain, a header left unsigned.
    body: toSend.method === 'GET' || toSend.method === 'HEAD' || body === '' ? undefined : body,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: (parseJson(text) ?? {}) as RawResponse['json'],
  };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    return text.trim() ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

import type { MetricsRecorder } from '../core/metrics';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DNSResolver } from 'mailauth';
import type { ApiDeps, DeploymentSettings } from '../core/api/deps';
import type { MailAccessSettings } from '../core/autoconfig';
import type { AdminSignInSettings } from '../core/sso/admin-grants';
import type { DeliveryLogger } from '../core/delivery';
import type { MailboxService } from '../core/mailbox/service';
import { bootstrapAdminKey, type BootstrapCredentials } from '../core/auth/bootstrap';
import { resolveQuotas } from '../core/config/quotas';
import { purgeDeregisteredMailboxes } from '../core/directory/purge-mailboxes';
import { sweepAll } from '../core/retention/sweep';
import { consoleLogger, type HttpLogger } from '../http/responses';
import { createHttpApi } from '../http/router';
import { createWebAppRoute } from '../http/web-app';
import { buildWebApp } from '../../web/build';
import type { HttpRoute } from '../http/routes';
import { startLocalEngines, type SharedEngines } from './engines';
import { startHttpServer } from './http-server';
import { withUserApi } from './user-api';
import type { FunctionTargets } from '../adapters/local/module-function-invoker';
import { processInboundEvent } from '../core/delivery';
import { LOCAL_MAIL_PORTS, startLocalMailAccess } from './mail-access';
import { startPurgeSchedule } from './purge-schedule';
import { offlineResolver, startSmtpIngress } from './smtp-ingress';
import { pinSettings, readIfExists } from './data-settings';
import { LOCAL_RESOURCES, localResources, wireLocal, type LocalResources, type LocalWiring } from './wiring';

// The CLI and the commands import these from here.
export { SettingsMismatchError, readSettings } from './data-settings';

/** Options for {@link startRuntime}; the CLI flags map onto these. */
export interface RuntimeOptions {
  /** HTTP port of the API. 0 picks a free one. @default 8080 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Where data persists (DynamoDB Local, objects, master key). @default '.mailwright' */
  readonly dataDir?: string;
  /** Keep nothing: databases and keys live in temporary places removed by `stop()`. @default false */
  readonly memory?: boolean;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** The account id in ARNs; flow-rule Lambda ARNs must name it. @default '111122223333' */
  readonly accountId?: string;
  /** SMTP port of the inbound ingress (what SES does in the cloud). 0 picks a free one. @default 2525 */
  readonly smtpPort?: number;
  /** SMTP submission with STARTTLS (587 in the cloud). 0 picks a free one. @default 1587 */
  readonly submissionPort?: number;
  /** SMTP submission with implicit TLS (465 in the cloud). 0 picks a free one. @default 1465 */
  readonly submissionsPort?: number;
  /** IMAP with STARTTLS (143 in the cloud). 0 picks a free one. @default 1143 */
  readonly imapPort?: number;
  /** IMAP with implicit TLS (993 in the cloud). 0 picks a free one. @default 1993 */
  readonly imapTlsPort?: number;
  /** Flow-rule Lambda ARNs mapped to local modules or loopback URLs. @default - none */
  readonly functionTargets?: FunctionTargets;
  /** Test mail domains are `<alias>.<suffix>`. @default 'mailwright.localhost' */
  readonly testDomainSuffix?: string;
  /** Bootstrap admin credentials; missing parts are generated (and, with a data dir, reused on the next start). */
  readonly admin?: BootstrapCredentials;
  /** More routes on the API port (JMAP, tests), beside the Message Flow API that is always mounted. */
  readonly routes?: readonly HttpRoute[];
  readonly logger?: HttpLogger;
  /** Where the inbound path logs (deliveries, rule events, DSNs). @default - silent */
  readonly inboundLogger?: DeliveryLogger;
  /**
   * DNS for the SPF/DKIM/DMARC verdicts of inbound mail. Without DNS every sender is unauthenticated (GRAY), so no
   * DSN is ever sent to it. @default - {@link offlineResolver}
   */
  readonly resolver?: DNSResolver;
  /** Time between purges of mailboxes deregistered more than 30 days ago (one runs at start). @default 3 600 000 */
  readonly mailboxPurgeIntervalMs?: number;
  /** Time between deliveries of due journal records (one runs at start); 0 runs none (tests drive it). @default 60 000 */
  readonly journalDeliveryIntervalMs?: number;
  /** Time between retention sweeps of every organization with a policy (one runs at start). @default 3 600 000 */
  readonly retentionSweepIntervalMs?: number;
  /** Days messages a retention policy deleted stay in Recoverable Items. @default 30 */
  readonly recoverableItemsDays?: number;
  /** Time between writes of the recorded metrics to `<data>/logs/metrics.jsonl` (and one on stop). @default 10 000 */
  readonly metricsFlushIntervalMs?: number;
  /**
   * Engines already running, shared with other runtimes (the tests run one DynamoDB Local and one s3rver for all
   * suites): this runtime's tables and buckets are named after `resourcePrefix` and created if missing, and
   * `stop()` leaves the engines and that data to whoever runs them. Needs `memory`. @default - its own engines
   */
  readonly sharedEngines?: SharedEngines;
  /**
   * Where mail apps reach IMAP and submission, as autoconfiguration and `GetMailDomain` publish them.
   * @default - this runtime's host and ports
   */
  readonly mailAccess?: MailAccessSettings;
  /** The mail metrics of inbound, sending and send events. @default - none: nothing is recorded */
  readonly metrics?: MetricsRecorder;
  /** How long email monitoring configurations are cached. @default - 60 s (tests pass 0) */
  readonly emailEventCacheMs?: number;
  /**
   * The admin console's single sign-on through an OpenID Connect issuer (`--admin-sign-in FILE`).
   * @default - none: admins sign in with keys only
   */
  readonly adminSignIn?: AdminSignInSettings;
}

/** Written to `<data>/runtime.json` while a runtime runs, so other commands can reach its engines. */
export interface RuntimeState {
  readonly pid: number;
  readonly dynamoDbEndpoint: string;
  readonly s3Endpoint: string;
}

/** File name of {@link RuntimeState} in the data directory. */
export const RUNTIME_STATE_FILE = 'runtime.json';

/** A running local Mailwright. */
export interface RunningRuntime {
  /** The API endpoint, e.g. `http://127.0.0.1:8080`. */
  readonly endpoint: string;
  /** Where the SMTP ingress listens. */
  readonly smtp: { readonly host: string; readonly port: number };
  /** Where mail clients send: STARTTLS on `port`, implicit TLS on `tlsPort` (self-signed certificate). */
  readonly submission: { readonly host: string; readonly port: number; readonly tlsPort: number };
  /** Where mail apps read mail: STARTTLS on `port`, implicit TLS on `tlsPort` (self-signed certificate). */
  readonly imap: { readonly host: string; readonly port: number; readonly tlsPort: number };
  /** Where DSNs for recipients outside the local domains are written. */
  readonly outboxDir: string;
  /** Where log destinations are written as JSON-lines files (`<kind>/<name>.jsonl`): `<data>/logs`. */
  readonly logsDir: string;
  /** The embedded engines (DynamoDB Local, the S3 server), for tools and tests that look behind the API. */
  readonly engines: { readonly dynamoDbEndpoint: string; readonly s3Endpoint: string };
  /** The names of its tables and buckets in those engines. */
  readonly resources: LocalResources;
  /** The encrypted mail store, for reading delivered mail back. */
  readonly mailboxes: MailboxService;
  readonly region: string;
  /** The bootstrap admin key, for `--endpoint-url` scripts: unscoped unless an admin scoped it through the API. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Where data persists; undefined with `memory`. */
  readonly dataDir?: string;
  readonly settings: DeploymentSettings;
  /** The API's ports, for tests that need to look behind the API. */
  readonly deps: ApiDeps;
  /** Users' sign-in and their own personal access tokens, for protocol front ends (JMAP) and tests. */
  readonly userAuth: LocalWiring['userAuth'];
  /** Delivers the journal records due at `now` (what the timer runs; tests pass a simulated time). */
  readonly journaling: LocalWiring['journaling'];
  /** The calendar model, for tests that look behind the protocols (iTIP applied, bookings). */
  readonly calendars: LocalWiring['calendars'];
  /** WorkMail's metrics (`flush()` writes them now) and the JSON-lines file of their EMF documents. */
  readonly metrics: { readonly recorder: LocalWiring['metrics']; readonly file: string };
  /** SES sending events as the cloud's send-events function handles them; nothing publishes them locally. */
  readonly sendEvents: LocalWiring['sendEvents'];
  /** Stops everything this runtime started, in reverse order; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts Mailwright on this machine.
 *
 * 1. Start DynamoDB Local (kept under `<data>/dynamodb`, or in memory) and s3rver (`<data>/s3`), unless shared
 *    engines are given.
 * 2. Wire the adapters (tables and buckets created if missing; master key and page-token key under `<data>`).
 * 3. Create or reuse the bootstrap admin key (BootstrapKeyRevokedError when it was revoked: it is never revived).
 * 4. Serve the HTTP API (admin API, REST, /openapi.json, mounted routes).
 * 5. Start the SMTP ingress (inbound mail into the same pipeline the inbound Lambda runs); DSNs for local
 *    recipients loop back into it, others land in the outbox directory. Serve mail apps: IMAP and SMTP submission
 *    (STARTTLS and implicit TLS, certificate under `<data>/tls`) over the mailbox model and the sending core.
 * 6. Purge the mailboxes of entities deregistered past the retention now, then every hour (failures are logged);
 *    deliver due journal records now, then every minute (the cloud's EventBridge schedule); sweep retention
 *    policies now, then every hour (docs/retention.md); resume the mailbox export and import jobs a stopped
 *    runtime left RUNNING; write the recorded metrics to `<data>/logs/metrics.jsonl` every 10 seconds.
 * 7. With a data dir, write `<data>/runtime.json` (engine endpoints) for `read-message`; removed on stop.
 * A failure stops whatever already started, then propagates (DynamoDbLocalUnavailableError when Java is missing).
 * @example
 * const runtime = await startRuntime({ port: 0, memory: true });
 * console.log(runtime.endpoint, runtime.credentials.accessKeyId);
 * await runtime.stop();
 */
export async function startRuntime(options: RuntimeOptions = {}): Promise<RunningRuntime> {
  const memory = options.memory ?? false;
  const dataDir = memory ? undefined : resolve(options.dataDir ?? '.mailwright');
  const region = options.region ?? 'us-east-1';
  if (options.sharedEngines && !memory)
    throw new Error('sharedEngines needs memory: a data directory has its own');
  const resources = options.sharedEngines
    ? localResources(options.sharedEngines.resourcePrefix)
    : LOCAL_RESOURCES;
  const host = options.host ?? '127.0.0.1';
  const publishedMailAccess: MailAccessSettings = {
    hostName: host,
    imapPort: options.imapPort ?? LOCAL_MAIL_PORTS.imap,
    imapTlsPort: options.imapTlsPort ?? LOCAL_MAIL_PORTS.imapTls,
    submissionPort: options.submissionPort ?? LOCAL_MAIL_PORTS.submission,
    submissionTlsPort: options.submissionsPort ?? LOCAL_MAIL_PORTS.submissionTls,
  };
  const settings: DeploymentSettings = {
    region,
    accountId: options.accountId ?? '111122223333',
    testDomainSuffix: options.testDomainSuffix ?? 'mailwright.localhost',
    inboundMxHost: host,
    trustDomainsWithoutDns: true,
    quotas: resolveQuotas(),
    reservedBuckets: [resources.storeBucket, resources.inboundBucket],
    // Filled in with the ports in use once the listeners run (a port 0 is only known then).
    mailAccess: options.mailAccess ?? publishedMailAccess,
  };
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    if (dataDir) {
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      await pinSettings(dataDir, settings);
    }
    const engines = options.sharedEngines ?? (await startLocalEngines(dataDir));
    if ('stop' in engines) stops.push(() => engines.stop());
    const wiring = await wireLocal({
      dynamoDbEndpoint: engines.dynamoDbEndpoint,
      s3Endpoint: engines.s3Endpoint,
      resources,
      dataDir,
      settings,
      functionTargets: options.functionTargets,
      outboxDir: dataDir && join(dataDir, 'outbox'),
      logger: options.inboundLogger,
      recoverableItemsDays: options.recoverableItemsDays,
      metrics: options.metrics,
      emailEventCacheMs: options.emailEventCacheMs,
      adminSignIn: options.adminSignIn,
    });
    stops.push(() => wiring.close());
    const admin = await bootstrap(wiring.adminKeyStore, wiring.keyWrapper, options.admin ?? {}, dataDir);
    const routes = [...wiring.routes, ...(options.routes ?? [])];
    const api = createHttpApi(wiring.deps, { routes, logger: options.logger });
    const users = withUserApi(api, wiring);
    const web = createWebAppRoute(buildWebApp);
    const server = await startHttpServer(async (request) => (await web(request)) ?? users.handler(request), {
      port: options.port ?? 8080,
      host: options.host,
    });
    stops.push(() => server.stop());
    users.serveAt(server.url);
    const smtp = await startSmtpIngress({
      port: options.smtpPort ?? 2525,
      host: options.host,
      isLocalDomain: wiring.inbound.isLocalDomain,
      isKnownAddress: wiring.inbound.isKnownAddress,
      rawStore: wiring.inbound.rawStore,
      invoke: (event) => processInboundEvent(event, wiring.inbound.deps),
      resolver: options.resolver ?? offlineResolver,
      hostname: `mail.${settings.testDomainSuffix}`,
      logger: wiring.inbound.deps.logger,
    });
    stops.push(() => smtp.stop());
    const access = await startLocalMailAccess(wiring, {
      host,
      dataDir,
      mailHost: `mail.${settings.testDomainSuffix}`,
      ports: {
        imap: options.imapPort,
        imapTls: options.imapTlsPort,
        submission: options.submissionPort,
        submissionTls: options.submissionsPort,
      },
    });
    stops.push(() => access.stop());
    Object.assign(publishedMailAccess, access.settings);
    wiring.inbound.connectLocalDelivery({ sendRaw: async (message) => void (await smtp.inject(message)) });
    const logger = options.logger ?? consoleLogger;
    const purge = startPurgeSchedule({
      run: () => purgeDeregisteredMailboxes(wiring.deps, { now: wiring.deps.clock() }),
      onError: (error) =>
        logger.error('Mailbox purge failed', {
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        }),
      intervalMs: options.mailboxPurgeIntervalMs,
    });
    stops.push(() => purge.stop());
    const journalIntervalMs = options.journalDeliveryIntervalMs ?? 60_000;
    if (journalIntervalMs > 0) {
      const journal = startPurgeSchedule({
        run: () => wiring.journaling.deliverDue(Date.now()),
        onError: (error) =>
          logger.error('Journal delivery failed', { error: error instanceof Error ? error.name : 'Unknown' }),
        intervalMs: journalIntervalMs,
      });
      stops.push(() => journal.stop());
    }
    const retention = startPurgeSchedule({
      run: () => sweepAll(wiring.retention),
      onError: (error) =>
        logger.error('Retention sweep failed', {
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        }),
      intervalMs: options.retentionSweepIntervalMs,
    });
    stops.push(() => retention.stop());
    // wiring.close() writes the last ones.
    const metricsSchedule = startPurgeSchedule({
      run: () => wiring.metrics.flush(),
      onError: (error) =>
        logger.error('Writing metrics failed', { error: error instanceof Error ? error.name : 'Unknown' }),
      intervalMs: options.metricsFlushIntervalMs ?? 10_000,
    });
    stops.push(() => metricsSchedule.stop());
    // Export and import jobs a stopped runtime left RUNNING continue from their checkpoints (wiring.close() stops the runner).
    // Stopping waits for the lookup, so a quick stop does not pull the engines from under it.
    const resuming = wiring.exports.runner
      .resume(wiring.exports.services.jobs.running())
      .catch((error: unknown) => logger.error('Resuming mailbox exports failed', { error: String(error) }));
    stops.push(() => resuming);
    if (dataDir) {
      const state = join(dataDir, RUNTIME_STATE_FILE);
      const running: RuntimeState = {
        pid: process.pid,
        dynamoDbEndpoint: engines.dynamoDbEndpoint,
        s3Endpoint: engines.s3Endpoint,
      };
      await writeFile(state, JSON.stringify(running), { mode: 0o600 });
      stops.push(() => rm(state, { force: true }));
    }
    return {
      endpoint: server.url,
      smtp: { host: smtp.host, port: smtp.port },
      submission: access.submission,
      imap: access.imap,
      outboxDir: wiring.inbound.outboxDir,
      logsDir: wiring.logsDir,
      engines: { dynamoDbEndpoint: engines.dynamoDbEndpoint, s3Endpoint: engines.s3Endpoint },
      resources,
      mailboxes: wiring.mailboxes,
      region,
      credentials: { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secret },
      dataDir,
      settings,
      deps: wiring.deps,
      journaling: wiring.journaling,
      userAuth: wiring.userAuth,
      calendars: wiring.calendars,
      metrics: { recorder: wiring.metrics, file: wiring.metricsFile },
      sendEvents: wiring.sendEvents,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Bootstraps the admin key; with a data dir, a generated key id is remembered so restarts reuse the key. */
async function bootstrap(
  store: Parameters<typeof bootstrapAdminKey>[0],
  wrapper: Parameters<typeof bootstrapAdminKey>[1],
  configured: BootstrapCredentials,
  dataDir: string | undefined,
) {
  const idFile = dataDir && join(dataDir, 'admin-key-id');
  const remembered = idFile && !configured.accessKeyId ? await readIfExists(idFile) : undefined;
  const result = await bootstrapAdminKey(store, wrapper, {
    ...configured,
    accessKeyId: configured.accessKeyId ?? remembered,
  });
  if (result.outcome === 'revoked') {
    const fix = remembered
      ? `delete ${idFile} to have new credentials generated`
      : 'unset MAILWRIGHT_ADMIN_KEY_ID to have new credentials generated';
    throw new BootstrapKeyRevokedError(
      `the bootstrap admin key ${result.accessKeyId} was revoked and stays revoked: ${fix}, or set ` +
        'MAILWRIGHT_ADMIN_KEY_ID and MAILWRIGHT_ADMIN_SECRET to new credentials',
    );
  }
  if (idFile && !configured.accessKeyId) await writeFile(idFile, `${result.accessKeyId}\n`, { mode: 0o600 });
  return result;
}

/** Raised when the bootstrap key was revoked through the API: it is never revived, new credentials are needed. */
export class BootstrapKeyRevokedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BootstrapKeyRevokedError';
  }
}

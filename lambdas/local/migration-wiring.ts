import { S3Client } from '@aws-sdk/client-s3';
import { WorkMailClient } from '@aws-sdk/client-workmail';
import { MailwrightMailboxImportApi } from '../adapters/aws/mailwright-mailbox-import-api';
import { S3ExportObjects } from '../adapters/aws/s3-export-objects';
import { SdkWorkMailApi } from '../adapters/aws/sdk-workmail-api';
import { WorkMailMailboxExportApi } from '../adapters/aws/workmail-mailbox-export-api';
import { CsvPasswordSheet } from '../adapters/local/csv-password-sheet';
import { FileMigrationState } from '../adapters/local/file-migration-state';
import { NodeDnsLookup } from '../adapters/local/node-dns-lookup';
import { TerminalMailboxProgress, type ProgressOutput } from '../adapters/local/terminal-mailbox-progress';
import {
  MigrationSetupError,
  retryingApi,
  type DnsLookup,
  type MigrationLog,
  type MigrationStateStore,
  type PasswordSheet,
  type RetryingApi,
} from '../core/migration';
import type { MoveMailboxesDeps } from '../core/migration/mailboxes';
import { s3LocalClient } from './s3-local';

/** Where the migration reads from and writes to, from the command line and the environment. */
export interface MigrationEndpoints {
  /** @default - real WorkMail in `sourceRegion` */
  readonly sourceEndpoint?: string;
  readonly sourceRegion: string;
  /** @default - none: only `plan` runs without a target */
  readonly targetEndpoint?: string;
  readonly targetRegion: string;
  readonly statePath: string;
  /** @default - users get no password (`--passwords none`) */
  readonly passwordsPath?: string;
  readonly dnsServers?: readonly string[];
  /** A local S3 (s3rver) holding the export bucket. @default - S3 in `sourceRegion`, standard credentials */
  readonly exportS3Endpoint?: string;
  /** A local S3 (s3rver) holding the import bucket. @default - S3 in `targetRegion`, standard credentials */
  readonly importS3Endpoint?: string;
}

/** The adapters of one migration command. */
export interface MigrationWiring {
  readonly source: RetryingApi;
  readonly target?: RetryingApi;
  readonly state: MigrationStateStore;
  readonly passwords?: PasswordSheet;
  readonly dns: DnsLookup;
  /** The mailbox step's adapters, built when the step runs. */
  mailboxStep(progress: ProgressOutput): MoveMailboxesDeps;
  /** Closes the SDK clients. */
  close(): void;
}

/**
 * Builds the migration's adapters once: SDK clients without their own retries (the core backs off and counts
 * throttling), the state file, the password sheet and the DNS resolver. Source credentials come from
 * `MAILWRIGHT_SOURCE_ACCESS_KEY_ID`/`…_SECRET_ACCESS_KEY` when set, else the standard AWS chain; the target's from
 * `MAILWRIGHT_TARGET_ACCESS_KEY_ID`/`MAILWRIGHT_TARGET_SECRET_ACCESS_KEY` (a Mailwright admin key).
 * @example
 * const wiring = await wireMigration(endpoints, process.env, console.log);
 */
export async function wireMigration(
  endpoints: MigrationEndpoints,
  env: Readonly<Record<string, string | undefined>>,
  log: MigrationLog,
): Promise<MigrationWiring> {
  const closers: { destroy(): void }[] = [];
  const credentials = (prefix: string) => {
    const accessKeyId = env[`${prefix}_ACCESS_KEY_ID`];
    const secretAccessKey = env[`${prefix}_SECRET_ACCESS_KEY`];
    return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
  };
  const client = (endpoint: string | undefined, region: string, prefix: string) => {
    const given = credentials(prefix);
    const created = new WorkMailClient({
      region,
      maxAttempts: 1,
      ...(endpoint ? { endpoint } : {}),
      ...(given ? { credentials: given } : {}),
    });
    closers.push(created);
    return created;
  };
  const s3 = (endpoint: string | undefined, region: string) => {
    const created = endpoint ? s3LocalClient(endpoint, region) : new S3Client({ region });
    closers.push(created);
    return created;
  };
  const sourceClient = client(endpoints.sourceEndpoint, endpoints.sourceRegion, 'MAILWRIGHT_SOURCE');
  const targetClient = endpoints.targetEndpoint
    ? client(endpoints.targetEndpoint, endpoints.targetRegion, 'MAILWRIGHT_TARGET')
    : undefined;
  const state = await FileMigrationState.open(endpoints.statePath);
  return {
    source: retryingApi(new SdkWorkMailApi(sourceClient), { log }),
    target: targetClient ? retryingApi(new SdkWorkMailApi(targetClient), { log }) : undefined,
    state,
    passwords: endpoints.passwordsPath ? await CsvPasswordSheet.open(endpoints.passwordsPath) : undefined,
    dns: new NodeDnsLookup(endpoints.dnsServers),
    mailboxStep: (progress) => {
      const targetCredentials = credentials('MAILWRIGHT_TARGET');
      if (!endpoints.targetEndpoint || !targetCredentials)
        throw new MigrationSetupError(
          'The mailbox step signs its import calls with the target admin key: set MAILWRIGHT_TARGET_ACCESS_KEY_ID ' +
            'and MAILWRIGHT_TARGET_SECRET_ACCESS_KEY.',
        );
      return {
        source: new WorkMailMailboxExportApi(sourceClient),
        target: new MailwrightMailboxImportApi({
          endpoint: endpoints.targetEndpoint,
          region: endpoints.targetRegion,
          credentials: targetCredentials,
        }),
        objects: new S3ExportObjects({
          source: s3(endpoints.exportS3Endpoint, endpoints.sourceRegion),
          target: s3(endpoints.importS3Endpoint, endpoints.targetRegion),
        }),
        state,
        progress: new TerminalMailboxProgress(progress),
        clock: Date.now,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      };
    },
    close: () => closers.forEach((closer) => closer.destroy()),
  };
}

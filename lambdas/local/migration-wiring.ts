import { WorkMailClient } from '@aws-sdk/client-workmail';
import { SdkWorkMailApi } from '../adapters/aws/sdk-workmail-api';
import { CsvPasswordSheet } from '../adapters/local/csv-password-sheet';
import { FileMigrationState } from '../adapters/local/file-migration-state';
import { NodeDnsLookup } from '../adapters/local/node-dns-lookup';
import {
  retryingApi,
  type DnsLookup,
  type MigrationLog,
  type MigrationStateStore,
  type PasswordSheet,
  type RetryingApi,
} from '../core/migration';

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
}

/** The adapters of one migration command. */
export interface MigrationWiring {
  readonly source: RetryingApi;
  readonly target?: RetryingApi;
  readonly state: MigrationStateStore;
  readonly passwords?: PasswordSheet;
  readonly dns: DnsLookup;
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
  const clients: WorkMailClient[] = [];
  const client = (endpoint: string | undefined, region: string, prefix: string) => {
    const accessKeyId = env[`${prefix}_ACCESS_KEY_ID`];
    const secretAccessKey = env[`${prefix}_SECRET_ACCESS_KEY`];
    const created = new WorkMailClient({
      region,
      maxAttempts: 1,
      ...(endpoint ? { endpoint } : {}),
      ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
    });
    clients.push(created);
    return retryingApi(new SdkWorkMailApi(created), { log });
  };
  return {
    source: client(endpoints.sourceEndpoint, endpoints.sourceRegion, 'MAILWRIGHT_SOURCE'),
    target: endpoints.targetEndpoint
      ? client(endpoints.targetEndpoint, endpoints.targetRegion, 'MAILWRIGHT_TARGET')
      : undefined,
    state: await FileMigrationState.open(endpoints.statePath),
    passwords: endpoints.passwordsPath ? await CsvPasswordSheet.open(endpoints.passwordsPath) : undefined,
    dns: new NodeDnsLookup(endpoints.dnsServers),
    close: () => clients.forEach((created) => created.destroy()),
  };
}

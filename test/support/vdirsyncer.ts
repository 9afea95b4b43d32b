import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One vdirsyncer pair between a local folder and a CalDAV or CardDAV server. */
export interface VdirsyncerPair {
  readonly name: string;
  readonly type: 'caldav' | 'carddav';
  /** The server URL vdirsyncer discovers from, e.g. `http://127.0.0.1:8080/dav/`. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** The remote collections to sync (their last path segment). */
  readonly collections: readonly string[];
  /** @default false */
  readonly readOnlyRemote?: boolean;
}

/** A vdirsyncer (Debian) set up in a temporary directory. */
export interface Vdirsyncer {
  /** The local folder of a pair's collection (one file per item). */
  folder(pair: string, collection: string): string;
  /** Runs `vdirsyncer -c <config> <args>`, answering yes to every question; rejects on a non-zero exit. */
  run(...args: string[]): Promise<string>;
}

/**
 * Writes a vdirsyncer configuration for the pairs into a fresh temporary directory.
 * @example
 * const vds = await vdirsyncer([{ name: 'cal', type: 'caldav', url, username, password, collections: ['calendar'] }]);
 * await vds.run('discover'); await vds.run('sync');
 */
export async function vdirsyncer(pairs: readonly VdirsyncerPair[]): Promise<Vdirsyncer> {
  const dir = await mkdtemp(join(tmpdir(), 'vdirsyncer-'));
  const ext = (type: string) => (type === 'caldav' ? '.ics' : '.vcf');
  const sections = pairs.flatMap((pair) => [
    `[pair ${pair.name}]`,
    `a = "${pair.name}_local"`,
    `b = "${pair.name}_remote"`,
    `collections = [${pair.collections.map((c) => JSON.stringify(c)).join(', ')}]`,
    '',
    `[storage ${pair.name}_local]`,
    'type = "filesystem"',
    `path = "${join(dir, pair.name)}/"`,
    `fileext = "${ext(pair.type)}"`,
    '',
    `[storage ${pair.name}_remote]`,
    `type = "${pair.type}"`,
    `url = "${pair.url}"`,
    `username = "${pair.username}"`,
    `password = "${pair.password}"`,
    ...(pair.readOnlyRemote ? ['read_only = true'] : []),
    '',
  ]);
  const config = join(dir, 'config');
  await writeFile(
    config,
    ['[general]', `status_path = "${join(dir, 'status')}/"`, '', ...sections].join('\n'),
  );
  return {
    folder: (pair, collection) => join(dir, pair, collection),
    run: (...args) =>
      new Promise((resolve, reject) => {
        const child = spawn('vdirsyncer', ['-c', config, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stdin.end('y\n'.repeat(20));
        const timer = setTimeout(() => child.kill(), 60_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          if (code === 0) resolve(output);
          else reject(new Error(`vdirsyncer ${args.join(' ')} exited ${String(code)}:\n${output}`));
        });
      }),
  };
}

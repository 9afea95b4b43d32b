import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What to unpack: the packages, the libraries not worth fetching, and a file whose presence marks a done unpack. */
export interface DebianUnpack {
  /** Where the unpacked tree is kept between runs, e.g. `.test-data/cyrus/` (git-ignored). */
  readonly cache: string;
  readonly packages: readonly string[];
  /** Libraries only binaries the tests never run need. */
  readonly unusedLibraries?: ReadonlySet<string>;
  /** A path inside the unpacked tree that exists once the unpack is complete. */
  readonly marker: string;
  /** Adjusts the fresh tree before it is moved into place (e.g. a hard-coded path). */
  readonly prepare?: (root: string) => Promise<void>;
}

/** Direct `Depends` of a package that are libraries (alternatives and virtual packages are left to the system). */
async function libraryDependencies(name: string, unused: ReadonlySet<string>): Promise<string[]> {
  const { stdout } = await run('apt-cache', ['depends', '--no-recommends', '--no-suggests', name]);
  return [...stdout.matchAll(/^\s+(?:Pre)?Depends: ([a-z0-9][a-z0-9.+-]*)$/gm)]
    .map((match) => match[1])
    .filter((dependency) => dependency.startsWith('lib') && !unused.has(dependency));
}

async function isInstalled(name: string): Promise<boolean> {
  try {
    const { stdout } = await run('dpkg-query', ['-W', '-f=${Status}', name]);
    return stdout.includes('install ok installed');
  } catch {
    return false;
  }
}

/** The packages plus every library they need, directly or not, that this machine lacks. */
async function packagesToFetch(packages: readonly string[], unused: ReadonlySet<string>): Promise<string[]> {
  const wanted = new Set(packages);
  const queue = [...packages];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    for (const dependency of await libraryDependencies(name, unused)) {
      if (wanted.has(dependency) || (await isInstalled(dependency))) continue;
      wanted.add(dependency);
      queue.push(dependency);
    }
  }
  return [...wanted];
}

/** Downloads the packages with `apt-get download` and unpacks them with `dpkg -x` into `root`. */
async function fetchInto(root: string, unpack: DebianUnpack): Promise<void> {
  const debs = join(root, 'debs');
  await mkdir(debs, { recursive: true });
  const names = await packagesToFetch(unpack.packages, unpack.unusedLibraries ?? new Set());
  await run('apt-get', ['download', '-q', ...names], { cwd: debs });
  for (const deb of await readdir(debs)) await run('dpkg', ['-x', join(debs, deb), root]);
}

/**
 * Debian packages unpacked under `unpack.cache/root` on first use, without installing anything system-wide
 * (`apt-get download` + `dpkg -x`); the `.deb` files stay in `root/debs/`. Returns the root.
 * @param unpack - the packages and where they go
 * @example
 * const root = await unpackDebianPackages({ cache, packages: ['dovecot-core'], marker: 'usr/sbin/dovecot' });
 */
export async function unpackDebianPackages(unpack: DebianUnpack): Promise<string> {
  const root = join(unpack.cache, 'root');
  if (existsSync(join(root, unpack.marker))) return root;
  await mkdir(unpack.cache, { recursive: true });
  const staging = await mkdtemp(join(unpack.cache, 'staging-'));
  try {
    await fetchInto(staging, unpack);
    await unpack.prepare?.(staging);
    await rm(root, { recursive: true, force: true });
    await rename(staging, root);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return root;
}

/** The `Version` of the unpacked package whose `.deb` file name starts with `<name>_`. */
export async function debianVersion(root: string, name: string): Promise<string> {
  const deb = (await readdir(join(root, 'debs'))).find((file) => file.startsWith(`${name}_`));
  if (!deb) throw new Error(`${name} was not downloaded`);
  const { stdout } = await run('dpkg-deb', ['-f', join(root, 'debs', deb), 'Version']);
  return stdout.trim();
}

/** Shared libraries the binaries cannot find with `env`, as `ldd` reports them. */
export async function missingLibraries(
  binaries: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<string[]> {
  const missing = new Set<string>();
  for (const binary of binaries) {
    const { stdout } = await run('ldd', [binary], { env });
    for (const match of stdout.matchAll(/^\s*(\S+) => not found$/gm)) missing.add(match[1]);
  }
  return [...missing];
}

/** The error's stderr, else its message: what `apt-get` said when a download failed. */
export function failureDetail(error: unknown): string {
  return (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
}

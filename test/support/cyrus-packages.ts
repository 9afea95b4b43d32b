import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's Cyrus: the master process, imapd, the tools (cyrus-common) and httpd with JMAP (cyrus-caldav). */
export const CYRUS_PACKAGES = ['cyrus-common', 'cyrus-imapd', 'cyrus-caldav'];

/** Libraries only the binaries we never run need (cyr_virusscan, notifyd): not worth downloading. */
const UNUSED_LIBRARIES = new Set(['libclamav12', 'libzephyr4']);

/** The binaries the differential test runs; each must find all its shared libraries. */
export const CYRUS_BINARIES = ['master', 'ctl_cyrusdb', 'imapd', 'httpd', 'squatter'];

/** Where the unpacked packages are kept between runs (`.test-data/` is git-ignored). */
const CACHE = fileURLToPath(new URL('../../.test-data/cyrus/', import.meta.url));

/** An unpacked Cyrus: run `bin/<name>` with `env` (its private libraries on `LD_LIBRARY_PATH`). */
export interface CyrusInstall {
  readonly bin: (name: string) => string;
  readonly env: NodeJS.ProcessEnv;
  readonly version: string;
}

/** Cyrus, or why it could not be had (the test is then skipped with that reason). */
export type CyrusAvailability = { ok: true; install: CyrusInstall } | { ok: false; reason: string };

function installAt(root: string, version: string): CyrusInstall {
  const libraryPath = [join(root, 'usr/lib/x86_64-linux-gnu'), join(root, 'lib/x86_64-linux-gnu')];
  if (process.env.LD_LIBRARY_PATH) libraryPath.push(process.env.LD_LIBRARY_PATH);
  return {
    bin: (name) => join(root, 'usr/lib/cyrus/bin', name),
    env: { ...process.env, LD_LIBRARY_PATH: libraryPath.join(':') },
    version,
  };
}

/** Direct `Depends` of a package that are libraries (alternatives and virtual packages are left to the system). */
async function libraryDependencies(name: string): Promise<string[]> {
  const { stdout } = await run('apt-cache', ['depends', '--no-recommends', '--no-suggests', name]);
  return [...stdout.matchAll(/^\s+(?:Pre)?Depends: ([a-z0-9][a-z0-9.+-]*)$/gm)]
    .map((match) => match[1])
    .filter((dependency) => dependency.startsWith('lib') && !UNUSED_LIBRARIES.has(dependency));
}

async function isInstalled(name: string): Promise<boolean> {
  try {
    const { stdout } = await run('dpkg-query', ['-W', '-f=${Status}', name]);
    return stdout.includes('install ok installed');
  } catch {
    return false;
  }
}

/** The Cyrus packages plus every library they need, directly or not, that this machine lacks. */
async function packagesToFetch(): Promise<string[]> {
  const wanted = new Set(CYRUS_PACKAGES);
  const queue = [...CYRUS_PACKAGES];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    for (const dependency of await libraryDependencies(name)) {
      if (wanted.has(dependency) || (await isInstalled(dependency))) continue;
      wanted.add(dependency);
      queue.push(dependency);
    }
  }
  return [...wanted];
}

/** Shared libraries a binary cannot find, as `ldd` reports them. */
async function missingLibraries(install: CyrusInstall): Promise<string[]> {
  const missing = new Set<string>();
  for (const binary of CYRUS_BINARIES) {
    const { stdout } = await run('ldd', [install.bin(binary)], { env: install.env });
    for (const match of stdout.matchAll(/^\s*(\S+) => not found$/gm)) missing.add(match[1]);
  }
  return [...missing];
}

/** Downloads the packages with `apt-get download` and unpacks them with `dpkg -x` into a fresh directory. */
async function fetchInto(root: string): Promise<void> {
  const debs = join(root, 'debs');
  await mkdir(debs, { recursive: true });
  await run('apt-get', ['download', '-q', ...(await packagesToFetch())], { cwd: debs });
  for (const deb of await readdir(debs)) await run('dpkg', ['-x', join(debs, deb), root]);
}

const isCaldav = (file: string) => file.startsWith('cyrus-caldav_');

/**
 * Debian bookworm's Cyrus IMAP, unpacked under `.test-data/cyrus/` on first use without installing anything
 * system-wide (`apt-get download` + `dpkg -x`, private libraries through `LD_LIBRARY_PATH`).
 * @example
 * const cyrus = await obtainCyrus();
 * if (!cyrus.ok) console.warn(cyrus.reason);
 */
export async function obtainCyrus(): Promise<CyrusAvailability> {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return {
      ok: false,
      reason: `Debian's amd64 Cyrus packages do not run on ${process.platform}/${process.arch}`,
    };
  const root = join(CACHE, 'root');
  try {
    if (!existsSync(join(root, 'usr/lib/cyrus/bin/master'))) {
      await mkdir(CACHE, { recursive: true });
      const staging = await mkdtemp(join(CACHE, 'staging-'));
      try {
        await fetchInto(staging);
        await rm(root, { recursive: true, force: true });
        await rename(staging, root);
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    }
    const debs = await readdir(join(root, 'debs'));
    const { stdout } = await run('dpkg-deb', ['-f', join(root, 'debs', debs.find(isCaldav)!), 'Version']);
    const install = installAt(root, stdout.trim());
    const missing = await missingLibraries(install);
    if (missing.length > 0)
      return { ok: false, reason: `Cyrus lacks shared libraries: ${missing.join(', ')}` };
    return { ok: true, install };
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    return {
      ok: false,
      reason: `could not download Debian's Cyrus packages (${CYRUS_PACKAGES.join(', ')}): ${detail}`,
    };
  }
}

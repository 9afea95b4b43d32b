import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { debianVersion, failureDetail, missingLibraries, unpackDebianPackages } from './debian-packages';

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
  try {
    const root = await unpackDebianPackages({
      cache: CACHE,
      packages: CYRUS_PACKAGES,
      unusedLibraries: UNUSED_LIBRARIES,
      marker: 'usr/lib/cyrus/bin/master',
    });
    const install = installAt(root, await debianVersion(root, 'cyrus-caldav'));
    const missing = await missingLibraries(CYRUS_BINARIES.map(install.bin), install.env);
    if (missing.length > 0)
      return { ok: false, reason: `Cyrus lacks shared libraries: ${missing.join(', ')}` };
    return { ok: true, install };
  } catch (error) {
    return {
      ok: false,
      reason: `could not download Debian's Cyrus packages (${CYRUS_PACKAGES.join(', ')}): ${failureDetail(error)}`,
    };
  }
}

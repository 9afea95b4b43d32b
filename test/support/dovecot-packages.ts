import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { debianVersion, failureDetail, missingLibraries, unpackDebianPackages } from './debian-packages';

/** Debian's Dovecot: the master, config, auth, log and login processes (dovecot-core) and imap (dovecot-imapd). */
export const DOVECOT_PACKAGES = ['dovecot-core', 'dovecot-imapd'];

/** Where the unpacked packages are kept between runs (`.test-data/` is git-ignored). */
const CACHE = fileURLToPath(new URL('../../.test-data/dovecot/', import.meta.url));

/** The only module path no setting can move, compiled into libdovecot (MODULEDIR). */
const MODULE_DIR = Buffer.from('/usr/lib/dovecot/modules\0');
/** What it is rewritten to: relative, so it resolves in the master's working directory, its `base_dir`. */
export const RELATIVE_MODULE_DIR = 'modules';

/** An unpacked Dovecot. Its private libraries are on `LD_LIBRARY_PATH` in `env`. */
export interface DovecotInstall {
  /** `usr/sbin/dovecot`, the master. */
  readonly master: string;
  /** `usr/bin/doveconf`, which parses the configuration and execs the master (its own path is hard-coded). */
  readonly doveconf: string;
  /** `usr/lib/dovecot`: the service binaries (the `libexec_dir` setting). */
  readonly libexecDir: string;
  /** `usr/lib/dovecot/modules`: plugins and the SSL module. */
  readonly moduleDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly version: string;
}

/** Dovecot, or why it could not be had (the test is then skipped with that reason). */
export type DovecotAvailability = { ok: true; install: DovecotInstall } | { ok: false; reason: string };

/**
 * Every login process loads the SSL module from the compiled-in MODULEDIR before it reads any setting, so the
 * unpacked copy of libdovecot gets that one string made relative (same length, NUL-padded).
 */
async function relocateModuleDir(root: string): Promise<void> {
  const library = join(root, 'usr/lib/dovecot/libdovecot.so.0.0.0');
  const bytes = await readFile(library);
  const at = bytes.indexOf(MODULE_DIR);
  if (at < 0 || bytes.indexOf(MODULE_DIR, at + 1) >= 0)
    throw new Error('libdovecot does not hold MODULEDIR exactly once');
  Buffer.alloc(MODULE_DIR.length).copy(bytes, at);
  bytes.write(RELATIVE_MODULE_DIR, at, 'latin1');
  await writeFile(library, bytes);
}

function installAt(root: string, version: string): DovecotInstall {
  const libexecDir = join(root, 'usr/lib/dovecot');
  const moduleDir = join(libexecDir, 'modules');
  // auth links libstats_auth.so from modules/old-stats (its RUNPATH points at /usr/lib/dovecot/...).
  const libraryPath = [libexecDir, join(moduleDir, 'old-stats')];
  libraryPath.push(join(root, 'usr/lib/x86_64-linux-gnu'), join(root, 'lib/x86_64-linux-gnu'));
  if (process.env.LD_LIBRARY_PATH) libraryPath.push(process.env.LD_LIBRARY_PATH);
  return {
    master: join(root, 'usr/sbin/dovecot'),
    doveconf: join(root, 'usr/bin/doveconf'),
    libexecDir,
    moduleDir,
    env: { ...process.env, LD_LIBRARY_PATH: libraryPath.join(':') },
    version,
  };
}

/**
 * Debian bookworm's Dovecot (2.3.19.1), unpacked under `.test-data/dovecot/` on first use without installing
 * anything system-wide (`apt-get download` + `dpkg -x`, private libraries through `LD_LIBRARY_PATH`, one compiled-in
 * path made relative, see {@link relocateModuleDir}).
 * @example
 * const dovecot = await obtainDovecot();
 * if (!dovecot.ok) console.warn(dovecot.reason);
 */
export async function obtainDovecot(): Promise<DovecotAvailability> {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return {
      ok: false,
      reason: `Debian's amd64 Dovecot packages do not run on ${process.platform}/${process.arch}`,
    };
  try {
    const root = await unpackDebianPackages({
      cache: CACHE,
      packages: DOVECOT_PACKAGES,
      marker: 'usr/lib/dovecot/imap',
      prepare: relocateModuleDir,
    });
    const install = installAt(root, await debianVersion(root, 'dovecot-imapd'));
    const services = ['auth', 'imap', 'imap-login', 'config', 'log', 'anvil'];
    const binaries = [
      install.master,
      install.doveconf,
      ...services.map((name) => join(install.libexecDir, name)),
    ];
    const missing = await missingLibraries(binaries, install.env);
    if (missing.length > 0)
      return { ok: false, reason: `Dovecot lacks shared libraries: ${missing.join(', ')}` };
    return { ok: true, install };
  } catch (error) {
    return {
      ok: false,
      reason: `could not download Debian's Dovecot packages (${DOVECOT_PACKAGES.join(', ')}): ${failureDetail(error)}`,
    };
  }
}

import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONFIG_ENV } from '../../lambdas/handlers/config';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The banner `lib/mailwright-function.ts` gives esbuild (checked against that file by {@link bundleLikeCdk}). */
const CREATE_REQUIRE_BANNER =
  "import { createRequire as __mailwrightCreateRequire } from 'node:module'; const require = __mailwrightCreateRequire(import.meta.url);";

/** Settings of `MailwrightFunction` that this bundle copies; each must still appear in its source. */
const CONSTRUCT_SETTINGS = [
  'format: OutputFormat.ESM',
  "target: 'node22'",
  "mainFields: ['module', 'main']",
  'externalModules: []',
  'minify: true',
  'sourceMap: true',
  'sourcesContent: false',
  "NODE_OPTIONS: '--enable-source-maps'",
];

/** Thrown when `lib/mailwright-function.ts` no longer bundles the way this benchmark copies. */
export class BundleSettingsDriftError extends Error {
  constructor(setting: string) {
    super(`lib/mailwright-function.ts no longer contains "${setting}": update test/bench/lambda-bundle.ts`);
    this.name = 'BundleSettingsDriftError';
  }
}

/**
 * Bundles an entry (a repository path, or inline source) with the esbuild arguments CDK's NodejsFunction derives from
 * `MailwrightFunction`'s props: `--bundle --platform=node --target=node22 --format=esm --minify --sourcemap
 * --sources-content=false --main-fields=module,main --banner:js=…`, no externals, output `index.mjs`.
 * @param entry - `{ file }` relative to the repository root, or `{ contents }` resolved from the root
 * @param outDir - the directory `index.mjs` (and its map) is written to
 * @example
 * const { file, bytes } = await bundleLikeCdk({ file: 'lambdas/handlers/inbound.ts' }, dir);
 */
export async function bundleLikeCdk(
  entry: { file: string } | { contents: string },
  outDir: string,
): Promise<{ file: string; bytes: number }> {
  const construct = await readFile(join(ROOT, 'lib/mailwright-function.ts'), 'utf8');
  for (const setting of [...CONSTRUCT_SETTINGS, CREATE_REQUIRE_BANNER])
    if (!construct.includes(setting)) throw new BundleSettingsDriftError(setting);
  const file = join(outDir, 'index.mjs');
  await build({
    ...('file' in entry
      ? { entryPoints: [join(ROOT, entry.file)] }
      : { stdin: { contents: entry.contents, resolveDir: ROOT, loader: 'ts' as const } }),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    outfile: file,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    banner: { js: CREATE_REQUIRE_BANNER },
    external: [],
    logLevel: 'error',
  });
  return { file, bytes: (await stat(file)).size };
}

/**
 * Median time (ms) a fresh Node process takes to `await import()` the bundle, over `runs` processes run one after
 * another. Only `env` (plus PATH and HOME) is passed to the child.
 * @param file - the bundle
 * @param env - the child's environment, e.g. the Lambda's configuration
 * @param nodeOptions - extra Node flags, e.g. `['--enable-source-maps']` as the Lambda's NODE_OPTIONS sets
 * @example
 * const ms = await coldImportMs(file, { AWS_REGION: 'eu-west-1' }, 5);
 */
export async function coldImportMs(
  file: string,
  env: Readonly<Record<string, string>>,
  runs = 5,
  nodeOptions: readonly string[] = [],
): Promise<number> {
  const url = pathToFileURL(file).href;
  const script = `const t = performance.now(); await import(${JSON.stringify(url)}); console.log(performance.now() - t);`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const output = await run(process.execPath, [...nodeOptions, '--input-type=module', '-e', script], {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
    });
    times.push(Number(output.trim().split('\n').at(-1)));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function run(command: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`cold import exited with ${code}: ${stderr.slice(0, 2000)}`)),
    );
  });
}

/** The configuration a Mailwright function needs to load (names only; nothing is reached at import). */
export const LAMBDA_BENCH_ENV: Readonly<Record<string, string>> = {
  [CONFIG_ENV.region]: 'eu-west-1',
  [CONFIG_ENV.accountId]: '111122223333',
  [CONFIG_ENV.directoryTable]: 'bench-directory',
  [CONFIG_ENV.mailboxTable]: 'bench-mailbox',
  [CONFIG_ENV.keyTable]: 'bench-keys',
  [CONFIG_ENV.inboundBucket]: 'bench-inbound',
  [CONFIG_ENV.storeBucket]: 'bench-store',
  [CONFIG_ENV.exportsBucket]: 'bench-exports',
  [CONFIG_ENV.defaultKeyArn]: 'arn:aws:kms:eu-west-1:111122223333:key/bench',
  [CONFIG_ENV.testDomainSuffix]: 'bench.example',
  AWS_EC2_METADATA_DISABLED: 'true',
};

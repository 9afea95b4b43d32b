import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { WebAppFile, WebAppFiles } from '../lambdas/http/web-app';

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'src');

/** Each app: the path its page is served at, its entry point's name, its title. */
const APPS = [
  ['/', 'mail', 'Mailwright'],
  ['/admin', 'admin', 'Mailwright admin console'],
] as const;

/** Content type by file extension; every file of the built app has one of these, or is plain text. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/**
 * Builds the web app in memory with esbuild: one minified, content-hashed script and style sheet per app (webmail at
 * `/`, the admin console at `/admin`), and the page that loads them (no inline script or style, so the content security policy needs no
 * `unsafe-inline`). The local runtime serves the result; the CDK stack uploads it to S3 behind CloudFront.
 * @example
 * const files = await buildWebApp();
 * files.get('/')?.contentType; // 'text/html; charset=utf-8'
 */
export async function buildWebApp(): Promise<WebAppFiles> {
  const result = await build({
    entryPoints: { mail: join(SOURCE, 'mail', 'main.tsx'), admin: join(SOURCE, 'admin', 'main.tsx') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: join(dirname(SOURCE), 'tsconfig.json'),
    entryNames: 'assets/[name]-[hash]',
    // Code loaded on demand (the HTML editor, the calendar) goes into chunks outside the first load.
    splitting: true,
    chunkNames: 'assets/chunk-[hash]',
    outdir: '/',
    write: false,
    metafile: true,
    legalComments: 'linked',
    logLevel: 'silent',
  });
  const files = new Map<string, WebAppFile>();
  for (const output of result.outputFiles) {
    const extension = /\.[a-z]+$/.exec(output.path)?.[0] ?? '';
    files.set(output.path, {
      body: output.contents,
      contentType: CONTENT_TYPES[extension] ?? 'text/plain; charset=utf-8',
      immutable: true,
    });
  }
  const template = await readFile(join(SOURCE, 'index.html'), 'utf8');
  for (const [path, app, title] of APPS) {
    const asset = (extension: string) =>
      [...files.keys()].find((name) => name.startsWith(`/assets/${app}-`) && name.endsWith(extension)) ?? '';
    const html = template
      .replace('{{title}}', title)
      .replace('{{script}}', asset('.js'))
      .replace('{{style}}', asset('.css'));
    files.set(path, { body: Buffer.from(html), contentType: CONTENT_TYPES['.html']!, immutable: false });
  }
  return files;
}

/**
 * The object key a web app file is stored under in S3 (`/` → `index.html`, `/admin` → `admin/index.html`,
 * `/assets/x.js` → `assets/x.js`); CloudFront serves `/` as its default root object and rewrites `/admin`.
 * @example
 * webAppObjectKey('/admin'); // 'admin/index.html'
 */
export function webAppObjectKey(path: string): string {
  return path === '/' ? 'index.html' : path === '/admin' ? 'admin/index.html' : path.slice(1);
}

/**
 * Builds the web app and writes its files into `directory` under their object keys ({@link webAppObjectKey}), for
 * the CDK stack to upload (`npx tsx web/build.ts <directory>` runs this).
 * @example
 * await writeWebApp('/tmp/web-app');
 */
export async function writeWebApp(directory: string): Promise<void> {
  for (const [path, file] of await buildWebApp()) {
    const target = join(directory, webAppObjectKey(path));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.body);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [directory] = process.argv.slice(2);
  if (!directory) throw new Error('Usage: tsx web/build.ts <output directory>');
  await writeWebApp(directory);
}

import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { WebAppFile, WebAppFiles } from '../lambdas/http/web-app';

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'src');

/** Each app: the path its page is served at, its entry point's name, its title. */
const APPS = [
  ['/', 'mail', 'Mailwright'],
  ['/admin', 'admin', 'Mailwright admin console'],
] as const;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
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

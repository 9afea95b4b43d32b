import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { WebAppFile, WebAppFiles } from '../lambdas/http/web-app';

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'src');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/**
 * Builds the web app in memory with esbuild: one minified, content-hashed script and style sheet per app, and the
 * `index.html` that loads them (no inline script or style, so the content security policy needs no
 * `unsafe-inline`). The local runtime serves the result; the CDK stack uploads it to S3 behind CloudFront.
 * @example
 * const files = await buildWebApp();
 * files.get('/')?.contentType; // 'text/html; charset=utf-8'
 */
export async function buildWebApp(): Promise<WebAppFiles> {
  const result = await build({
    entryPoints: { mail: join(SOURCE, 'mail', 'main.tsx') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: join(dirname(SOURCE), 'tsconfig.json'),
    entryNames: 'assets/[name]-[hash]',
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
  const asset = (extension: string) => [...files.keys()].find((path) => path.endsWith(extension)) ?? '';
  const template = await readFile(join(SOURCE, 'index.html'), 'utf8');
  const html = template.replace('{{script}}', asset('.js')).replace('{{style}}', asset('.css'));
  files.set('/', { body: Buffer.from(html), contentType: CONTENT_TYPES['.html']!, immutable: false });
  return files;
}

// Bundles the container's entry point into one ESM file, with the same esbuild settings as the Lambda functions
// (lib/mailwright-function.ts): the versions tested are the versions that run.
import { build } from 'esbuild';

await build({
  entryPoints: ['lambdas/handlers/mail-access.ts'],
  outfile: 'dist/mail-access.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: {
    js: "import { createRequire as __mailwrightCreateRequire } from 'node:module'; const require = __mailwrightCreateRequire(import.meta.url);",
  },
  minify: true,
  sourcemap: true,
  sourcesContent: false,
});

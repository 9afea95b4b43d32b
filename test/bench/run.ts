/**
 * Runs every benchmark in sequence, prints one table per benchmark and writes all figures as JSON.
 * Usage: `npm run bench [-- --out <file>] [-- --only <name>]`; opt-in benchmarks run only when named with --only. A failing benchmark is reported, the others still run,
 * and the exit code is 1.
 */
import '../../bin/silence-sdk-node-version-warning';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

type Figures = Record<string, number>;

/** Each module is imported when its turn comes, so one that fails to load fails only itself. */
const BENCHMARKS: readonly { name: string; run: () => Promise<Figures>; optIn?: true }[] = [
  { name: 'flow-rules', run: async () => (await import('./flow-rules.bench')).benchFlowRules() },
  { name: 'crypto', run: async () => (await import('./crypto.bench')).benchCrypto() },
  { name: 'inbound', run: async () => (await import('./inbound.bench')).benchInbound() },
  {
    name: 'inbound-pipeline',
    run: async () => (await import('./inbound-pipeline.bench')).benchInboundPipeline(),
  },
  { name: 'directory', run: async () => (await import('./directory.bench')).benchDirectory() },
  { name: 'mime', run: async () => (await import('./mime.bench')).benchMime() },
  { name: 'jmap', run: async () => (await import('./jmap.bench')).benchJmap() },
  { name: 'jmap-auth', run: async () => (await import('./jmap-auth.bench')).benchJmapAuth() },
  { name: 'access-control', run: async () => (await import('./access-control.bench')).benchAccessControl() },
  { name: 'retention', run: async () => (await import('./retention.bench')).benchRetention() },
  { name: 'export', run: async () => (await import('./export.bench')).benchExport() },
  { name: 'migration', run: async () => (await import('./migration.bench')).benchMigration() },
  { name: 'caldav-sync', run: async () => (await import('./caldav-sync.bench')).benchCaldavSync() },
  { name: 'calendar', run: async () => (await import('./calendar.bench')).benchCalendar() },
  // Needs Debian's Dovecot (downloaded) and loads 51,000 messages: only with `--only imap`.
  { name: 'imap', run: async () => (await import('./imap.bench')).benchImap(), optIn: true },
  // Needs Debian's Chromium and fills a 50,000-message folder: only with `--only webmail`.
  { name: 'webmail', run: async () => (await import('./webmail.bench')).benchWebmail(), optIn: true },
];

type Outcome =
  { ok: true; seconds: number; figures: Figures } | { ok: false; seconds: number; error: string };

function printTable(name: string, outcome: Outcome): void {
  const rows: [string, string][] = outcome.ok
    ? Object.entries(outcome.figures).map(([key, value]) => [key, value.toLocaleString('en-US')])
    : [['FAILED', outcome.error.split('\n')[0] ?? '']];
  const width = Math.max(...rows.map(([key]) => key.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  console.log(
    `\n== ${name} (${outcome.seconds.toFixed(1)} s) ${'='.repeat(Math.max(0, width - name.length))}`,
  );
  for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value.padStart(valueWidth)}`);
}

const { values } = parseArgs({
  options: { out: { type: 'string' }, only: { type: 'string', multiple: true } },
});
const selected = BENCHMARKS.filter(({ name, optIn }) => (values.only ? values.only.includes(name) : !optIn));
const results: Record<string, Outcome> = {};
for (const { name, run } of selected) {
  const start = performance.now();
  let outcome: Outcome;
  try {
    const figures = await run();
    outcome = { ok: true, seconds: (performance.now() - start) / 1000, figures };
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    outcome = { ok: false, seconds: (performance.now() - start) / 1000, error: text };
    console.error(`\n${name} failed:\n${text}`);
  }
  results[name] = outcome;
  printTable(name, outcome);
}

const out = resolve(values.out ?? join(tmpdir(), 'bench-results.json'));
const machine = {
  node: process.version,
  platform: process.platform,
  arch: process.arch,
  cpus: cpus().length,
};
const report = { date: new Date().toISOString(), machine, loadAverage: loadavg(), results };
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nFull results: ${out}`);
const failed = Object.entries(results).filter(([, outcome]) => !outcome.ok);
if (failed.length > 0) {
  console.error(`Failed: ${failed.map(([name]) => name).join(', ')}`);
  process.exitCode = 1;
}

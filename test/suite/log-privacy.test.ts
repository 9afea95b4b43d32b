/**
 * The suite-wide log privacy check (issue 12): every log line the whole run wrote — what each test worker printed
 * (stdout, stderr, console, the Powertools logger and metrics) and what the test runtime's quiet loggers would
 * have logged — holds no password, token, secret, subject, body or private key. The sequencer runs this file last;
 * it waits until the reporter has seen every other test file finish, then scans the capture directory.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOG_DIR_ENV } from '../support/log-capture';
import { collectNeedles, scanLogs, type Finding, type LiteralNeedle } from '../support/log-privacy-scanner';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The longest the check waits for the other test files (the whole suite runs in well under this). */
const WAIT_MS = 50 * 60_000;

const lines = (file: string) =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The test suite's sources: TypeScript files and .eml fixtures under test/. */
function testSources(directory = join(ROOT, 'test')): Array<{ path: string; text: string }> {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return testSources(path);
    if (!/\.(ts|eml)$/.test(entry.name)) return [];
    return [{ path: relative(ROOT, path), text: readFileSync(path, 'latin1') }];
  });
}

describe('Suite: no log line of the run holds a password, token, secret, subject, body or private key', () => {
  const directory = process.env[LOG_DIR_ENV];
  let waitedFor: string[] = [];
  let finished = new Set<string>();
  let needles: LiteralNeedle[] = [];
  let findings: Finding[] = [];
  let scannedFiles = 0;

  beforeAll(async () => {
    if (!directory)
      throw new Error(`${LOG_DIR_ENV} is not set: run through npm test (jest.config.js's sequencer)`);
    waitedFor = lines(join(directory, 'expected.txt'));
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      finished = new Set(lines(join(directory, 'finished.txt')));
      if (waitedFor.every((path) => finished.has(path))) break;
      await sleep(500);
    }
    const recorded = readdirSync(join(directory, 'secrets')).flatMap((file) =>
      lines(join(directory, 'secrets', file)).map((line) => JSON.parse(line) as string),
    );
    needles = [
      ...collectNeedles(testSources()),
      ...recorded.map((value) => ({ kind: 'password or secret' as const, value })),
    ];
    const logs = readdirSync(join(directory, 'logs')).map((file) => ({
      file,
      text: readFileSync(join(directory, 'logs', file), 'utf8'),
    }));
    scannedFiles = logs.length;
    findings = scanLogs(logs, needles);
    if (findings.length > 0) writeFileSync(join(directory, 'keep'), '');
  }, WAIT_MS + 60_000);

  it('read the logs of every other test file of the run, once each had finished', () => {
    expect(waitedFor.filter((path) => !finished.has(path))).toEqual([]);
    expect(scannedFiles).toBeGreaterThan(0);
  });

  it('looked for the passwords, secrets, subjects and bodies the test sources use', () => {
    const count = (kind: LiteralNeedle['kind']) => needles.filter((needle) => needle.kind === kind).length;
    expect(count('password or secret')).toBeGreaterThanOrEqual(10);
    expect(count('subject')).toBeGreaterThanOrEqual(30);
    expect(count('body')).toBeGreaterThanOrEqual(10);
  });

  it('found none of them, and nothing shaped like a token, an admin secret, a private key or a raw header', () => {
    expect(findings).toEqual([]);
  });
});

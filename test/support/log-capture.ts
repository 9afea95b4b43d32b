/**
 * Jest setup file of every test file: copies every line the test worker writes (process.stdout and stderr, which
 * the Powertools logger and metrics write to, and the console) into `<run dir>/logs/<pid>.log`, where the suite-wide
 * log privacy check (test/suite/log-privacy.test.ts) reads them once every other test file has finished. The run
 * directory comes from the test sequencer (`MAILWRIGHT_TEST_LOG_DIR`); without it nothing is captured.
 */
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import type { DeliveryLogger } from '../../lambdas/core/delivery';

/** Set by test/support/log-privacy-sequencer.js, in the main process before the workers start. */
export const LOG_DIR_ENV = 'MAILWRIGHT_TEST_LOG_DIR';

/** Marks the streams already copied: setup files run once per test file, the worker's streams stay the same. */
const CAPTURED = Symbol.for('mailwright.test.logCapture');

type Sink = { readonly logs: number; readonly secrets: number };
type CapturedStream = NodeJS.WriteStream & { [CAPTURED]?: Sink };

/** This worker's open capture files (opened once per process, kept on the shared stdout stream). */
function sink(): Sink | undefined {
  const directory = process.env[LOG_DIR_ENV];
  if (!directory) return undefined;
  const stdout = process.stdout as CapturedStream;
  if (stdout[CAPTURED]) return stdout[CAPTURED];
  mkdirSync(join(directory, 'logs'), { recursive: true });
  mkdirSync(join(directory, 'secrets'), { recursive: true });
  const opened: Sink = {
    logs: openSync(join(directory, 'logs', `${process.pid}.log`), 'a'),
    secrets: openSync(join(directory, 'secrets', `${process.pid}.txt`), 'a'),
  };
  for (const stream of [process.stdout, process.stderr] as CapturedStream[]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string') writeSync(opened.logs, chunk);
      else writeSync(opened.logs, chunk as Uint8Array);
      return write(chunk, ...rest);
    }) as typeof stream.write;
    stream[CAPTURED] = opened;
  }
  return opened;
}

/**
 * Copies one line into the capture without printing it: for loggers the tests keep quiet (the test runtime's
 * inbound and HTTP loggers), so that what they would log is checked too.
 */
export function captureLine(line: string): void {
  const files = sink();
  if (files) writeSync(files.logs, `${line}\n`);
}

/** A {@link DeliveryLogger} whose lines go only to the capture, as JSON like the Powertools logger writes them. */
export const capturedLogger: DeliveryLogger = {
  info: (message, attributes) => captureLine(JSON.stringify({ level: 'INFO', message, ...attributes })),
  warn: (message, attributes) => captureLine(JSON.stringify({ level: 'WARN', message, ...attributes })),
  error: (message, attributes) => captureLine(JSON.stringify({ level: 'ERROR', message, ...attributes })),
};

/**
 * Copies every file under `directory` into the capture: the JSON-lines logs a local runtime writes to
 * `<data>/logs` (metrics, event and audit logs), before its temporary data directory is removed.
 */
export function captureDirectory(directory: string): void {
  const files = sink();
  if (!files || !existsSync(directory)) return;
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) writeSync(files.logs, readFileSync(join(entry.parentPath, entry.name)));
  }
}

/**
 * Names a secret made at run time (a generated admin secret), which no test source holds: the check looks for it
 * in every log line too.
 */
export function recordSecret(value: string): void {
  const files = sink();
  if (files) writeSync(files.secrets, `${JSON.stringify(value)}\n`);
}

// Each test file has a console of its own: copy what it prints.
if (sink()) {
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const print = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      captureLine(format(...args));
      print(...args);
    };
  }
}

// Jest loads the sequencer and the reporter without transforming them, hence plain JavaScript.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import DefaultSequencer from '@jest/test-sequencer';

/** The suite-wide log privacy check: it runs last and reads what every other test file logged. */
export const LOG_PRIVACY_TEST = join('test', 'suite', 'log-privacy.test.ts');

/**
 * Jest's own order (failed first, then slowest first), with the log privacy check moved to the end. It also makes
 * the run's capture directory (`MAILWRIGHT_TEST_LOG_DIR`, inherited by the workers it starts later) and writes there
 * which test files the check waits for (`expected.txt`).
 */
export default class LogPrivacySequencer extends DefaultSequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const isCheck = (test) => test.path.endsWith(LOG_PRIVACY_TEST);
    const others = sorted.filter((test) => !isCheck(test));
    const directory = mkdtempSync(join(tmpdir(), 'mailwright-test-logs-'));
    process.env.MAILWRIGHT_TEST_LOG_DIR = directory;
    writeFileSync(join(directory, 'expected.txt'), others.map((test) => `${test.path}\n`).join(''));
    return [...others, ...sorted.filter(isCheck)];
  }
}

// Jest loads the sequencer and the reporter without transforming them, hence plain JavaScript.
import { appendFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Tells the log privacy check which test files have finished (`finished.txt` in the capture directory), whether
 * they passed, failed or crashed; removes the capture directory at the end of a run, unless the check found a leak
 * (it writes `keep`), so the lines can be read.
 */
export default class LogPrivacyReporter {
  onTestFileResult(test) {
    const directory = process.env.MAILWRIGHT_TEST_LOG_DIR;
    if (directory) appendFileSync(join(directory, 'finished.txt'), `${test.path}\n`);
  }

  onRunComplete() {
    const directory = process.env.MAILWRIGHT_TEST_LOG_DIR;
    if (!directory) return;
    if (existsSync(join(directory, 'keep')))
      process.stderr.write(`Captured log lines kept in ${directory}\n`);
    else rmSync(directory, { recursive: true, force: true });
  }

  getLastError() {
    return undefined;
  }
}

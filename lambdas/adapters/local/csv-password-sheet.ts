import { readFile } from 'node:fs/promises';
import type { PasswordSheet } from '../../core/migration';
import { writeAtomically } from './file-migration-state';

/**
 * Temporary passwords as a CSV file (`address,name,password`) that only its owner can read (mode 0600). Rows of
 * an earlier run are kept; a user recorded again gets its row replaced. Each record is flushed and renamed into
 * place before the user is created, so no created user has a password the admin cannot find.
 * @example
 * const sheet = await CsvPasswordSheet.open('passwords.csv');
 */
export class CsvPasswordSheet implements PasswordSheet {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private readonly rows: Map<string, string>,
  ) {}

  /** Opens the sheet, keeping the rows a previous run wrote. */
  static async open(path: string): Promise<CsvPasswordSheet> {
    const rows = new Map<string, string>();
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n').slice(1).filter(Boolean)) rows.set(line.split(',')[0]!, line);
    return new CsvPasswordSheet(path, rows);
  }

  record(row: { address: string; name: string; password: string }): Promise<void> {
    this.rows.set(row.address, [row.address, row.name, row.password].map(csvField).join(','));
    const text = ['address,name,password', ...this.rows.values(), ''].join('\n');
    this.writes = this.writes.then(() => writeAtomically(this.path, text));
    return this.writes;
  }
}

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

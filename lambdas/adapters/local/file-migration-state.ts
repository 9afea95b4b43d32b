import { open, readFile, rename } from 'node:fs/promises';
import type { MigrationStateStore } from '../../core/migration';

/**
 * The migration state in one JSON file: read once at start, and after each `set` written whole to a temporary file,
 * flushed and renamed over the old one, so a crash at any moment leaves either the old or the new state, never a
 * torn file. Writes are serialized in call order.
 * @example
 * const state = await FileMigrationState.open('migration-state.json');
 */
export class FileMigrationState implements MigrationStateStore {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private readonly entries: Map<string, unknown>,
  ) {}

  /** Opens the state file, or starts an empty state when it does not exist yet. */
  static async open(path: string): Promise<FileMigrationState> {
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const entries = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    return new FileMigrationState(path, new Map(Object.entries(entries)));
  }

  get<T>(key: string): T | undefined {
    return this.entries.get(key) as T | undefined;
  }

  keys(prefix: string): string[] {
    return [...this.entries.keys()].filter((key) => key.startsWith(prefix));
  }

  set(key: string, value: unknown): Promise<void> {
    this.entries.set(key, value);
    const snapshot = JSON.stringify(Object.fromEntries(this.entries), null, 1);
    this.writes = this.writes.then(() => writeAtomically(this.path, snapshot));
    return this.writes;
  }
}

/** Writes `text` to `path` through a flushed temporary file renamed into place (mode 0600: it maps ids). */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
}

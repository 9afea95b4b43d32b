import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeploymentSettings } from '../core/api/deps';

const SETTINGS_FILE = 'settings.json';

/** Raised when a data directory was created with another region or account id (its keys name them). */
export class SettingsMismatchError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SettingsMismatchError';
  }
}

/** The deployment settings a data directory was created with, if any. */
export async function readSettings(dataDir: string): Promise<DeploymentSettings | undefined> {
  const text = await readIfExists(join(dataDir, SETTINGS_FILE));
  return text === undefined ? undefined : (JSON.parse(text) as DeploymentSettings);
}

/**
 * Records the settings on first start and refuses a later start with another region or account id: both are part
 * of the organization ARN that every mailbox key's encryption context names, so changing them would make the
 * stored mail unreadable.
 * @example
 * await pinSettings('.mailwright', settings);
 */
export async function pinSettings(dataDir: string, settings: DeploymentSettings): Promise<void> {
  const pinned = await readSettings(dataDir);
  if (pinned && (pinned.region !== settings.region || pinned.accountId !== settings.accountId)) {
    throw new SettingsMismatchError(
      `${dataDir} holds data for region ${pinned.region} and account ${pinned.accountId}; start with ` +
        `AWS_REGION=${pinned.region} --account-id ${pinned.accountId}, or use another --data directory`,
    );
  }
  await writeFile(join(dataDir, SETTINGS_FILE), JSON.stringify(settings), { mode: 0o600 });
}

/**
 * A small text file trimmed, or undefined when it does not exist or is empty.
 * @example
 * const keyId = await readIfExists('.mailwright/admin-key-id');
 */
export async function readIfExists(filePath: string): Promise<string | undefined> {
  try {
    return (await readFile(filePath, 'utf8')).trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

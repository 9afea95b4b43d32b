import { resolve } from 'node:path';
import type { DeploymentSettings } from '../core/api/deps';
import { reachEngines } from './reach-engines';
import { readSettings } from './data-settings';
import { wireLocal, type LocalWiring } from './wiring';

/** A data directory wired for one CLI command (read-message, import-mailbox). */
export interface OpenedLocalData {
  readonly wiring: LocalWiring;
  readonly settings: DeploymentSettings;
  readonly engines: Awaited<ReturnType<typeof reachEngines>>;
  /** Closes the wiring, then the engines it reached. */
  close(): Promise<void>;
}

/**
 * Wires the data directory `--data` names, reaching its engines (a running `npm start`'s, else its own); undefined,
 * after saying why on stderr, when the directory holds no Mailwright data.
 * @example
 * const opened = await openLocalData(values.data);
 * if (!opened) return 1;
 */
export async function openLocalData(data: string): Promise<OpenedLocalData | undefined> {
  const dataDir = resolve(data);
  const settings = await readSettings(dataDir);
  if (!settings) {
    console.error(`No Mailwright data in ${dataDir}: start it once with --data ${data}`);
    return undefined;
  }
  const engines = await reachEngines(dataDir);
  const wiring = await wireLocal({ ...engines, dataDir, settings });
  return {
    wiring,
    settings,
    engines,
    close: async () => {
      await wiring.close();
      await engines.stop();
    },
  };
}

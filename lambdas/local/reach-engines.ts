import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startLocalEngines } from './engines';
import { RUNTIME_STATE_FILE, type RuntimeState } from './runtime';

/**
 * The engines of a runtime running on the data directory (from its runtime.json), or freshly started ones that the
 * caller stops: how the local commands (`read-message`, `create-token`) reach the data while `npm start` runs or not.
 * @example
 * const engines = await reachEngines('.mailwright');
 * try { … } finally { await engines.stop(); }
 */
export async function reachEngines(
  dataDir: string,
): Promise<{ dynamoDbEndpoint: string; s3Endpoint: string; stop(): Promise<void> }> {
  const running = await runningState(dataDir);
  if (running) return { ...running, stop: async () => {} };
  return startLocalEngines(dataDir);
}

async function runningState(dataDir: string): Promise<RuntimeState | undefined> {
  let state: RuntimeState;
  try {
    state = JSON.parse(await readFile(join(dataDir, RUNTIME_STATE_FILE), 'utf8')) as RuntimeState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    process.kill(state.pid, 0);
    return state;
  } catch (error) {
    // ESRCH: the runtime that wrote the file crashed and left it behind.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
    throw error;
  }
}

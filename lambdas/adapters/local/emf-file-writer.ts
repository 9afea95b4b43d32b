import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EmfLineWriter } from '../aws/powertools-metrics-recorder';

/**
 * Where the local runtime's metrics go: the EMF lines CloudWatch Logs would turn into metrics, appended to one
 * JSON-lines file (its directory is created when first needed), so `tail -f` and `jq` read what the cloud graphs.
 * @param file - e.g. `.mailwright/logs/metrics.jsonl`
 * @example
 * const metrics = new PowertoolsMetricsRecorder({ write: emfFileWriter('.mailwright/logs/metrics.jsonl') });
 */
export function emfFileWriter(file: string): EmfLineWriter {
  return async (lines) => {
    if (lines.length === 0) return;
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await appendFile(file, `${lines.join('\n')}\n`, { encoding: 'utf8', mode: 0o600 });
  };
}

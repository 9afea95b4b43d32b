import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * s3rver (via `startS3Local`, in memory, loopback) in a child process, so its request handling stays out of this
 * process's CPU time. `stop()` closes the child's stdin; the child stops s3rver and exits.
 * @param buckets - buckets to create
 * @example
 * const s3 = await startS3InChild(['inbound']);
 * await s3.stop();
 */
export async function startS3InChild(
  buckets: readonly string[],
): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const module = pathToFileURL(join(ROOT, 'lambdas/local/s3-local.ts')).href;
  const script = [
    `const { startS3Local } = await import(${JSON.stringify(module)});`,
    `const s3 = await startS3Local({ inMemory: true, buckets: ${JSON.stringify(buckets)} });`,
    'console.log(s3.endpoint);',
    'process.stdin.resume();',
    "process.stdin.on('end', () => s3.stop().then(() => process.exit(0)));",
  ].join('\n');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const early = exited.then(([code]) => Promise.reject(new Error(`the s3rver child exited with ${code}`)));
  early.catch(() => undefined); // only raced against start-up
  const [line] = (await Promise.race([once(createInterface({ input: child.stdout }), 'line'), early])) as [
    string,
  ];
  return {
    endpoint: line.trim(),
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

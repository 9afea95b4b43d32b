/**
 * `npm run mutate [-- <stryker options>]`: StrykerJS over `lambdas/core/**` (stryker.config.json).
 * Starts one in-memory DynamoDB Local for the whole run, so that every jest run Stryker makes reuses it, then runs
 * `stryker run` with the given options and stops the engine. Example: `npm run mutate -- --mutate 'lambdas/core/crypto/**'`.
 */
import { spawn } from 'node:child_process';
import { startDynamoDbLocal } from '../../lambdas/local/dynamodb-local';

const engine = await startDynamoDbLocal({ inMemory: true });
const stryker = spawn('npx', ['stryker', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, MAILWRIGHT_TEST_DYNAMODB: engine.endpoint },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stryker.kill(signal));
const code = await new Promise<number>((resolve) =>
  stryker.once('exit', (exitCode) => resolve(exitCode ?? 1)),
);
await engine.stop();
process.exit(code);

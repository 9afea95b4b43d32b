/**
 * `npm run mutate [-- <stryker options>]`: StrykerJS over `lambdas/core/**` (stryker.config.json).
 * Starts one in-memory DynamoDB Local and one s3rver for the whole run, so that every jest run Stryker makes reuses
 * them, then runs `stryker run` with the given options and stops the engines. With
 * `--incrementalFile <name>.incremental.json` the JSON report is also kept as `<name>.json`, so that runs over parts
 * of the core add up (`npm run mutate:score`). Example:
 * `npm run mutate -- --mutate 'lambdas/core/crypto/**' --incrementalFile reports/mutation/crypto.incremental.json`.
 */
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { startDynamoDbLocal } from '../../lambdas/local/dynamodb-local';
import { startS3Local } from '../../lambdas/local/s3-local';

const [dynamoDb, s3] = await Promise.all([
  startDynamoDbLocal({ inMemory: true }),
  startS3Local({ inMemory: true, buckets: [] }),
]);
const stryker = spawn('npx', ['stryker', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, MAILWRIGHT_TEST_DYNAMODB: dynamoDb.endpoint, MAILWRIGHT_TEST_S3: s3.endpoint },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stryker.kill(signal));
const code = await new Promise<number>((resolve) =>
  stryker.once('exit', (exitCode) => resolve(exitCode ?? 1)),
);
await Promise.all([dynamoDb.stop(), s3.stop()]);
const option = process.argv.indexOf('--incrementalFile');
const incrementalFile = option < 0 ? undefined : process.argv[option + 1];
if (code === 0 && incrementalFile?.endsWith('.incremental.json'))
  copyFileSync('reports/mutation/mutation.json', incrementalFile.replace(/\.incremental\.json$/, '.json'));
process.exit(code);

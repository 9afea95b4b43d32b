import { join } from 'node:path';
import { startDynamoDbLocal } from './dynamodb-local';
import { startS3Local } from './s3-local';

/** Where a runtime's engines answer. */
export interface EngineEndpoints {
  readonly dynamoDbEndpoint: string;
  readonly s3Endpoint: string;
}

/** Engines another process runs for several runtimes (the test suites share one DynamoDB Local and one s3rver). */
export interface SharedEngines extends EngineEndpoints {
  /** Prefix of this runtime's table and bucket names, unique among the runtimes sharing the engines. */
  readonly resourcePrefix: string;
}

/** DynamoDB Local and s3rver, started for one runtime or command. */
export interface LocalEngines extends EngineEndpoints {
  /** Stops both; objects and tables kept in temporary places are removed. */
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local and s3rver, keeping their data under `<dataDir>/dynamodb` and `<dataDir>/s3`, or in
 * temporary places when there is no data directory. If s3rver cannot start, DynamoDB Local is stopped again.
 * @param dataDir - where data persists; undefined keeps nothing after `stop()`
 * @example
 * const engines = await startLocalEngines('.mailwright');
 * await engines.stop();
 */
export async function startLocalEngines(dataDir: string | undefined): Promise<LocalEngines> {
  const dynamo = await startDynamoDbLocal({
    inMemory: dataDir === undefined,
    dataDir: dataDir && join(dataDir, 'dynamodb'),
  });
  try {
    // No buckets here: the wiring creates the ones it uses.
    const s3 = await startS3Local({
      inMemory: dataDir === undefined,
      directory: dataDir && join(dataDir, 's3'),
      buckets: [],
    });
    return {
      dynamoDbEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      stop: async () => {
        await s3.stop();
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}

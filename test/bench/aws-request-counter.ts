import type { MetadataBearer, MiddlewareStack } from '@smithy/types';

/** The part of an SDK v3 client the counter uses. */
interface CountableClient {
  readonly middlewareStack: MiddlewareStack<object, MetadataBearer>;
}

/**
 * Counts AWS requests per service (and per command) with an `initialize`-step middleware on each client, so each
 * logical `send` counts once (SDK retries are not counted).
 * @example
 * const counter = new AwsRequestCounter();
 * counter.attach('S3', s3Client);
 * counter.reset();
 * counter.snapshot(['S3']); // { S3: 3 }
 */
export class AwsRequestCounter {
  private readonly counts = new Map<string, number>();
  private readonly commands = new Map<string, number>();

  /**
   * Counts every request `client` sends under `service`.
   * @param service - the label counts are kept under, e.g. `'DynamoDB'`
   * @param client - an SDK v3 client (a DynamoDBDocumentClient shares its client's stack: attach one of them)
   * @example
   * counter.attach('KMS', kmsClient);
   */
  attach(service: string, client: CountableClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        this.counts.set(service, (this.counts.get(service) ?? 0) + 1);
        const key = `${service}.${context.commandName ?? 'unknown'}`;
        this.commands.set(key, (this.commands.get(key) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: `benchRequestCounter${service}` },
    );
  }

  /** Forgets every count. */
  reset(): void {
    this.counts.clear();
    this.commands.clear();
  }

  /**
   * Requests per service since the last reset, for the given services (0 when none was sent).
   * @param services - the labels to report
   * @example
   * counter.snapshot(['S3', 'DynamoDB', 'KMS']); // { S3: 2, DynamoDB: 9, KMS: 0 }
   */
  snapshot(services: readonly string[]): Record<string, number> {
    return Object.fromEntries(services.map((service) => [service, this.counts.get(service) ?? 0]));
  }

  /** Requests per `Service.Command` since the last reset (for spotting which call dominates). */
  byCommand(): Record<string, number> {
    return Object.fromEntries([...this.commands].sort(([a], [b]) => a.localeCompare(b)));
  }
}

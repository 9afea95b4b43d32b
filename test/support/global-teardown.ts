/** Stops the DynamoDB Local and the s3rver started by the global setup. */
export default async function globalTeardown(): Promise<void> {
  const engines = (globalThis as { __testEngines?: Array<{ stop(): Promise<void> }> }).__testEngines ?? [];
  await Promise.all(engines.map((engine) => engine.stop()));
}

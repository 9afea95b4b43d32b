import type { MiddlewareObj } from '@middy/core';
import type { MetricsRecorder } from '../../core/metrics';

/** Options of {@link flushMetrics}. */
export interface FlushMetricsOptions {
  /** The function's recorder, whose buffered data points are written at the end of every invocation. */
  readonly metrics: MetricsRecorder;
}

const known: ReadonlySet<string> = new Set<keyof FlushMetricsOptions>(['metrics']);

/**
 * Writes the metrics an invocation recorded when it ends, whether it returned or threw, so no data point waits for
 * the next invocation (or is lost when Lambda freezes the container). Put it first in `.use([...])`: middy runs
 * `after` and `onError` in reverse order, so it flushes last, after the other middlewares recorded theirs.
 * @example
 * export const handler = middy(lambdaHandler).use([flushMetrics({ metrics }), injectLambdaContext(logger)]);
 */
export function flushMetrics(options: FlushMetricsOptions): MiddlewareObj {
  const unknown = Object.keys(options).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new TypeError(`flushMetrics: unknown option(s) ${unknown.join(', ')}`);
  const { metrics } = options;
  const flush = () => metrics.flush();
  return { after: flush, onError: flush };
}

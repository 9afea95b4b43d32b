import type { MetricsRecorder, WorkMailMetricName } from '../../lambdas/core/metrics';

/** One recorded data point. */
export interface DataPoint {
  readonly organizationId: string;
  readonly name: WorkMailMetricName;
  readonly value: number;
}

/** A {@link MetricsRecorder} that keeps every data point, for assertions on counts. */
export class MemoryMetrics implements MetricsRecorder {
  readonly points: DataPoint[] = [];

  count(organizationId: string, name: WorkMailMetricName, value = 1): void {
    this.points.push({ organizationId, name, value });
  }

  async flush(): Promise<void> {}

  /** The sum of `name`'s data points (of one organization, when given). */
  sum(name: WorkMailMetricName, organizationId?: string): number {
    return this.points
      .filter(
        (point) =>
          point.name === name && (organizationId === undefined || point.organizationId === organizationId),
      )
      .reduce((total, point) => total + point.value, 0);
  }
}

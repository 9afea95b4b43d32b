import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { DEFAULT_METRICS_NAMESPACE, type MetricsRecorder, type WorkMailMetricName } from '../../core/metrics';

/** Writes finished EMF documents, one JSON text per line. */
export type EmfLineWriter = (lines: readonly string[]) => Promise<void>;

/** Options of {@link PowertoolsMetricsRecorder}. */
export interface PowertoolsMetricsRecorderOptions {
  /** CloudWatch namespace of every metric. @default DEFAULT_METRICS_NAMESPACE ('WorkMail') */
  readonly namespace?: string;
  /**
   * Where the EMF lines go. @default - the process's standard output, where Lambda and the ECS log driver hand them
   * to CloudWatch Logs, which turns them into metrics
   */
  readonly write?: EmfLineWriter;
}

/** The dimension every data point carries (security-and-logging §10 req. 19). */
export const ORGANIZATION_DIMENSION = 'OrganizationId';
/**
 * EMF holds at most 100 values of one metric per document, and Powertools publishes by itself (to stdout, losing
 * the dimensions) as soon as a metric reaches 100: documents stay below.
 */
const VALUES_PER_DOCUMENT = 99;

const writeToStdout: EmfLineWriter = async (lines) => {
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
};

/**
 * The {@link MetricsRecorder} of Lambda, the mail access container and `npm start`: data points are buffered per
 * organization and written on {@link flush} as CloudWatch Embedded Metric Format documents built by Powertools
 * Metrics, one per organization, each with two dimension sets: `[OrganizationId]` (per organization, as WorkMail)
 * and `[]` (the deployment's total, which stack-wide alarms and the dashboard read without metric math over every
 * organization: CloudWatch alarms cannot use SEARCH).
 * @example
 * const metrics = new PowertoolsMetricsRecorder({ namespace: 'WorkMail' });
 * metrics.count('m-0123…', 'MailboxEmailDelivered');
 * await metrics.flush(); // {"_aws":{…"Dimensions":[["OrganizationId"],[]]…},"OrganizationId":"m-0123…","MailboxEmailDelivered":1}
 */
export class PowertoolsMetricsRecorder implements MetricsRecorder {
  private readonly metrics: Metrics;
  private readonly write: EmfLineWriter;
  private pending = new Map<string, Map<WorkMailMetricName, number[]>>();

  constructor(options: PowertoolsMetricsRecorderOptions = {}) {
    this.metrics = new Metrics({
      namespace: options.namespace ?? DEFAULT_METRICS_NAMESPACE,
      serviceName: 'mailwright',
    });
    // Powertools adds a `service` dimension to every set; WorkMail's metrics have OrganizationId only.
    this.metrics.clearDefaultDimensions();
    this.write = options.write ?? writeToStdout;
  }

  count(organizationId: string, name: WorkMailMetricName, value = 1): void {
    let byName = this.pending.get(organizationId);
    if (!byName) this.pending.set(organizationId, (byName = new Map()));
    const values = byName.get(name);
    if (values) values.push(value);
    else byName.set(name, [value]);
  }

  async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = new Map();
    const lines: string[] = [];
    for (const [organizationId, byName] of pending) {
      for (let offset = 0; ; offset += VALUES_PER_DOCUMENT) {
        const batch = [...byName].map(
          ([name, values]) => [name, values.slice(offset, offset + VALUES_PER_DOCUMENT)] as const,
        );
        if (batch.every(([, values]) => values.length === 0)) break;
        lines.push(this.document(organizationId, batch));
      }
    }
    await this.write(lines);
  }

  private document(
    organizationId: string,
    batch: ReadonlyArray<readonly [WorkMailMetricName, number[]]>,
  ): string {
    try {
      this.metrics.addDimension(ORGANIZATION_DIMENSION, organizationId);
      this.metrics.addDimensions({});
      for (const [name, values] of batch)
        for (const value of values) this.metrics.addMetric(name, MetricUnit.Count, value);
      return JSON.stringify(this.metrics.serializeMetrics());
    } finally {
      this.metrics.clearMetrics();
      this.metrics.clearDimensions();
    }
  }
}

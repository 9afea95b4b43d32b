export type { MetricsRecorder } from './ports';
export { DEFAULT_METRICS_NAMESPACE, type WorkMailMetricName } from './types';

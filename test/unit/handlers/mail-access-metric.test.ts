import { connectionMetricLine } from '../../../lambdas/handlers/mail-access-service';

describe('Metric: connectionMetricLine', () => {
  it('is one embedded-metric-format line CloudWatch turns into Mailwright/ImapConnections by Service', () => {
    const line = connectionMetricLine(42, 1_700_000_000_000);

    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      _aws: {
        Timestamp: 1_700_000_000_000,
        CloudWatchMetrics: [
          {
            Namespace: 'Mailwright',
            Dimensions: [['Service']],
            Metrics: [{ Name: 'ImapConnections', Unit: 'Count' }],
          },
        ],
      },
      Service: 'mail-access',
      ImapConnections: 42,
    });
  });
});

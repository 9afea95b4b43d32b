import { jest } from '@jest/globals';
import { PowertoolsMetricsRecorder } from '../../../lambdas/adapters/aws/powertools-metrics-recorder';

const ORG_A = `m-${'a'.repeat(32)}`;
const ORG_B = `m-${'b'.repeat(32)}`;

/** A recorder whose EMF lines are kept, parsed. */
function capturing(namespace?: string) {
  const documents: Array<Record<string, unknown>> = [];
  const recorder = new PowertoolsMetricsRecorder({
    namespace,
    write: async (lines) => {
      documents.push(...lines.map((line) => JSON.parse(line) as Record<string, unknown>));
    },
  });
  return { recorder, documents };
}

/** The CloudWatch metric directive of an EMF document. */
function directive(document: Record<string, unknown>) {
  const aws = document._aws as {
    Timestamp: number;
    CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: unknown[] }>;
  };
  expect(aws.CloudWatchMetrics).toHaveLength(1);
  return { timestamp: aws.Timestamp, ...aws.CloudWatchMetrics[0] };
}

describe('PowertoolsMetricsRecorder', () => {
  it('writes one EMF document per organization with the OrganizationId and the total dimension sets', async () => {
    const { recorder, documents } = capturing();
    recorder.count(ORG_A, 'OrganizationEmailReceived');
    recorder.count(ORG_A, 'MailboxEmailDelivered', 3);
    recorder.count(ORG_B, 'AuthenticationFailure', 1);
    recorder.count(ORG_B, 'AuthenticationFailure', 0);
    await recorder.flush();
    expect(documents).toHaveLength(2);
    const [a, b] = documents;
    expect(directive(a)).toEqual({
      timestamp: expect.any(Number),
      Namespace: 'WorkMail',
      Dimensions: [['OrganizationId'], []],
      Metrics: [
        { Name: 'OrganizationEmailReceived', Unit: 'Count' },
        { Name: 'MailboxEmailDelivered', Unit: 'Count' },
      ],
    });
    expect(a).toMatchObject({
      OrganizationId: ORG_A,
      OrganizationEmailReceived: 1,
      MailboxEmailDelivered: 3,
    });
    expect(Object.keys(a).sort()).toEqual(
      ['MailboxEmailDelivered', 'OrganizationEmailReceived', 'OrganizationId', '_aws'].sort(),
    );
    // Every data point of a 1/0 metric is kept, so SampleCount counts attempts and Sum counts failures.
    expect(b).toMatchObject({ OrganizationId: ORG_B, AuthenticationFailure: [1, 0] });
  });

  it('uses the configured namespace', async () => {
    const { recorder, documents } = capturing('Mailwright/Prod');
    recorder.count(ORG_A, 'OutgoingEmailSent');
    await recorder.flush();
    expect(directive(documents[0]).Namespace).toBe('Mailwright/Prod');
  });

  it('splits more than 100 data points of one metric over documents of 99 that all keep the dimension', async () => {
    const { recorder, documents } = capturing();
    for (let i = 0; i < 250; i++) recorder.count(ORG_A, 'ActionDenied', i % 2);
    recorder.count(ORG_A, 'AccessDenied', 1);
    await recorder.flush();
    expect(documents.map((document) => (document.ActionDenied as number[]).length)).toEqual([99, 99, 52]);
    expect(documents.map((document) => document.OrganizationId)).toEqual([ORG_A, ORG_A, ORG_A]);
    expect(documents.map((document) => directive(document).Dimensions)).toEqual([
      [['OrganizationId'], []],
      [['OrganizationId'], []],
      [['OrganizationId'], []],
    ]);
    expect(documents.filter((document) => 'AccessDenied' in document)).toHaveLength(1);
  });

  it('writes nothing twice: a flush empties the buffer', async () => {
    const { recorder, documents } = capturing();
    recorder.count(ORG_A, 'IncomingEmailBounced', 2);
    await recorder.flush();
    await recorder.flush();
    expect(documents).toHaveLength(1);
    expect(documents[0].IncomingEmailBounced).toBe(2);
  });

  it('writes to standard output by default, one JSON line per document', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const recorder = new PowertoolsMetricsRecorder();
      await recorder.flush();
      expect(write).not.toHaveBeenCalled();
      recorder.count(ORG_A, 'OutgoingEmailBounced');
      recorder.count(ORG_B, 'OutgoingEmailBounced');
      await recorder.flush();
      expect(write).toHaveBeenCalledTimes(1);
      const lines = String(write.mock.calls[0][0]).trimEnd().split('\n');
      expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
        expect.objectContaining({ OrganizationId: ORG_A, OutgoingEmailBounced: 1 }),
        expect.objectContaining({ OrganizationId: ORG_B, OutgoingEmailBounced: 1 }),
      ]);
    } finally {
      write.mockRestore();
    }
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const ORG = `m-${'e'.repeat(32)}`;

describe('E2E: the local runtime writes WorkMail metrics to <data>/logs/metrics.jsonl', () => {
  let mw: TestRuntime;
  beforeAll(async () => {
    mw = await startTestRuntime();
  });
  afterAll(() => mw.stop());

  it('writes what its recorder was given as EMF lines, namespace WorkMail, per organization and in total', async () => {
    // Act
    mw.metrics.recorder.count(ORG, 'OrganizationEmailReceived');
    mw.metrics.recorder.count(ORG, 'AuthenticationFailure', 1);
    mw.metrics.recorder.count(ORG, 'AuthenticationFailure', 0);
    await mw.metrics.recorder.flush();
    // Assess
    expect(mw.metrics.file).toMatch(new RegExp(`${join('logs', 'metrics.jsonl')}$`));
    const documents = (await readFile(mw.metrics.file, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(documents).toEqual([
      {
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            {
              Namespace: 'WorkMail',
              Dimensions: [['OrganizationId'], []],
              Metrics: [
                { Name: 'OrganizationEmailReceived', Unit: 'Count' },
                { Name: 'AuthenticationFailure', Unit: 'Count' },
              ],
            },
          ],
        },
        OrganizationId: ORG,
        OrganizationEmailReceived: 1,
        AuthenticationFailure: [1, 0],
      },
    ]);
  });
});

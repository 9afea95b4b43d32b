import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { PowertoolsMetricsRecorder } from '../../../lambdas/adapters/aws/powertools-metrics-recorder';
import { flushMetrics } from '../../../lambdas/handlers/middleware/flush-metrics';

const context = {} as Context;
const ORG = `m-${'c'.repeat(32)}`;

/** A recorder whose EMF lines are kept. */
function capturing() {
  const lines: string[] = [];
  const metrics = new PowertoolsMetricsRecorder({ write: async (written) => void lines.push(...written) });
  return { metrics, lines };
}

describe('Middleware: flushMetrics', () => {
  it('writes what the invocation recorded when it returns', async () => {
    // Prepare
    const { metrics, lines } = capturing();
    const handler = middy(async () => {
      metrics.count(ORG, 'OrganizationEmailReceived');
      return 'done';
    }).use(flushMetrics({ metrics }));
    // Act
    const result = await handler({}, context);
    // Assess
    expect(result).toBe('done');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ OrganizationId: ORG, OrganizationEmailReceived: 1 }),
    ]);
  });

  it('writes what the invocation recorded when it throws, and the error still propagates', async () => {
    // Prepare
    const { metrics, lines } = capturing();
    const handler = middy(async () => {
      metrics.count(ORG, 'AuthenticationFailure', 1);
      throw new RangeError('failed');
    }).use(flushMetrics({ metrics }));
    // Act
    const outcome = handler({}, context);
    // Assess
    await expect(outcome).rejects.toThrow(RangeError);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ AuthenticationFailure: 1 });
  });

  it('rejects unknown options', () => {
    const { metrics } = capturing();
    expect(() => flushMetrics({ metrics, everyMs: 5 } as never)).toThrow(
      'flushMetrics: unknown option(s) everyMs',
    );
  });
});

import { retryThrottled } from '../../../lambdas/core/migration/backoff';
import { WorkMailCallError } from '../../../lambdas/core/migration/errors';

describe('retryThrottled', () => {
  const throttling = () => Object.assign(new Error('slow down'), { name: 'ThrottlingException' });

  it('passes other errors on at once', async () => {
    let calls = 0;
    const call = async () => {
      calls += 1;
      throw Object.assign(new Error('no'), { name: 'EntityNotFoundException' });
    };

    await expect(
      retryThrottled(call, { attempts: 5, baseDelayMs: 1, sleep: async () => undefined }),
    ).rejects.toThrow('no');
    expect(calls).toBe(1);
  });

  it('retries a directory call the service refused as throttling, and gives up after the last attempt', async () => {
    let calls = 0;
    const call = async () => {
      calls += 1;
      throw new WorkMailCallError('ListUsers', 'TooManyRequestsException', 'Rate exceeded');
    };

    await expect(
      retryThrottled(call, { attempts: 3, baseDelayMs: 1, sleep: async () => undefined }),
    ).rejects.toThrow('TooManyRequestsException');
    expect(calls).toBe(3);
  });

  it('backs off exponentially, capped at 20 seconds, spread by the jitter', async () => {
    const delays: number[] = [];
    let calls = 0;
    const call = async () => {
      if (++calls < 5) throw throttling();
      return 'ok';
    };

    const result = await retryThrottled(call, {
      attempts: 5,
      baseDelayMs: 8000,
      sleep: async (ms) => void delays.push(ms),
      random: () => 0.5,
    });

    expect(result).toBe('ok');
    expect(delays).toEqual([4000, 8000, 10000, 10000]);
  });
});

import { retryThrottled, Semaphore } from '../../../lambdas/core/migration/mailbox-scheduling';

describe('Semaphore', () => {
  it('lets at most its permits run at once, the others in arrival order', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const work = (n: number) =>
      semaphore.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        order.push(n);
        running -= 1;
      });

    await Promise.all([1, 2, 3, 4, 5].map(work));

    expect(most).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it('frees its permit when the work throws', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');

    await expect(semaphore.run(async () => 'next')).resolves.toBe('next');
  });
});

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

  it('backs off exponentially, capped at 20 seconds', async () => {
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
    });

    expect(result).toBe('ok');
    expect(delays).toEqual([8000, 16000, 20000, 20000]);
  });
});

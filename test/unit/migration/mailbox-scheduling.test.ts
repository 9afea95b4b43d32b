import { Semaphore } from '../../../lambdas/core/migration/mailbox-scheduling';

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

import { jest } from '@jest/globals';
import { LOCAL_PURGE_INTERVAL_MS, startPurgeSchedule } from '../../../lambdas/local/purge-schedule';

describe('startPurgeSchedule', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('runs at once, then every hour, until stopped', async () => {
    const run = jest.fn(async () => undefined);
    const schedule = startPurgeSchedule({ run, onError: () => {} });

    expect(run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(LOCAL_PURGE_INTERVAL_MS * 2);
    expect(run).toHaveBeenCalledTimes(3);
    await schedule.stop();
    await jest.advanceTimersByTimeAsync(LOCAL_PURGE_INTERVAL_MS * 2);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('hands failures to onError and keeps the schedule', async () => {
    const failure = new Error('DynamoDB down');
    const run = jest.fn(async () => {
      throw failure;
    });
    const onError = jest.fn();
    const schedule = startPurgeSchedule({ run, onError, intervalMs: 1_000 });

    await jest.advanceTimersByTimeAsync(1_000);
    await schedule.stop();

    expect(onError).toHaveBeenCalledWith(failure);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('skips a tick while a run is still going, and stop waits for it', async () => {
    let finish = () => {};
    const run = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const schedule = startPurgeSchedule({ run, onError: () => {}, intervalMs: 1_000 });

    await jest.advanceTimersByTimeAsync(3_000);
    let stopped = false;
    const stopping = schedule.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await stopping;

    expect(run).toHaveBeenCalledTimes(1);
    expect(stopped).toBe(true);
  });
});

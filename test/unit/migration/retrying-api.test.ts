import { retryingApi } from '../../../lambdas/core/migration';
import { RecordingApi, refusal } from './doubles';

describe('retryingApi', () => {
  it('retries a throttled call with growing delays until it passes, and counts the retries', async () => {
    let throttles = 2;
    const api = new RecordingApi({
      ListUsers: () => (throttles-- > 0 ? refusal('ListUsers', 'TooManyRequestsException') : { Users: [] }),
    });
    const delays: number[] = [];
    const retrying = retryingApi(api, { sleep: async (ms) => void delays.push(ms), baseDelayMs: 100 });

    const output = await retrying.call('ListUsers', {});

    expect(output).toEqual({ Users: [] });
    expect(api.actions()).toEqual(['ListUsers', 'ListUsers', 'ListUsers']);
    expect(retrying.throttledCalls()).toBe(2);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
  });

  it('gives up after the last attempt and passes the throttling on', async () => {
    const api = new RecordingApi({ ListUsers: () => refusal('ListUsers', 'ThrottlingException') });
    const retrying = retryingApi(api, { attempts: 3, sleep: async () => {} });

    await expect(retrying.call('ListUsers', {})).rejects.toMatchObject({ code: 'ThrottlingException' });
    expect(api.calls).toHaveLength(3);
  });

  it('passes any other refusal on at once', async () => {
    const api = new RecordingApi({ CreateAlias: () => refusal('CreateAlias', 'EmailAddressInUseException') });
    const retrying = retryingApi(api, { sleep: async () => {} });

    await expect(retrying.call('CreateAlias', {})).rejects.toMatchObject({
      code: 'EmailAddressInUseException',
    });
    expect(api.calls).toHaveLength(1);
    expect(retrying.throttledCalls()).toBe(0);
  });
});

import {
  createConfiguration,
  MAX_AVAILABILITY_CONFIGURATIONS,
  providerOf,
  updateConfiguration,
} from '../../../lambdas/core/availability/configurations';
import type { AvailabilityConfigurationStore } from '../../../lambdas/core/availability/ports';
import type { AvailabilityConfiguration } from '../../../lambdas/core/availability/types';

const ews = { endpoint: 'https://ews.example/EWS/Exchange.asmx', username: 'CORP\\svc', password: 'pw' };
const ACCOUNT = '111122223333';
const lambdaArn = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:cap`;
const at = (now: number) => ({ now, accountId: ACCOUNT });

function store(outcome: 'created' | 'exists' | 'limit' = 'created', replaced = true) {
  const written: Array<{ configuration: AvailabilityConfiguration; limit?: number }> = [];
  const fake: AvailabilityConfigurationStore = {
    create: async (configuration, limit) => {
      written.push({ configuration, limit });
      return outcome;
    },
    replace: async (configuration) => {
      written.push({ configuration });
      return replaced;
    },
    delete: async () => true,
    get: async () => undefined,
    list: async () => ({ items: [] }),
  };
  return { fake, written };
}

describe('availability configurations', () => {
  it('takes exactly one provider', () => {
    expect(providerOf({}, ACCOUNT)).toEqual({ ok: false, refusal: { type: 'providerCount' } });
    expect(providerOf({ ews, lambdaArn }, ACCOUNT)).toEqual({
      ok: false,
      refusal: { type: 'providerCount' },
    });
    expect(providerOf({ lambdaArn }, ACCOUNT)).toEqual({ ok: true, value: { type: 'LAMBDA', lambdaArn } });
    expect(providerOf({ ews }, ACCOUNT)).toEqual({
      ok: true,
      value: { type: 'EWS', ewsEndpoint: ews.endpoint, ewsUsername: ews.username, ewsPassword: 'pw' },
    });
  });

  it('refuses a function of another account, in any Region of its own', () => {
    expect(providerOf({ lambdaArn: 'arn:aws:lambda:us-west-2:444455556666:function:cap' }, ACCOUNT)).toEqual({
      ok: false,
      refusal: { type: 'foreignAccount', accountId: ACCOUNT },
    });
    expect(
      providerOf({ lambdaArn: `arn:aws:lambda:us-west-2:${ACCOUNT}:function:cap:live` }, ACCOUNT).ok,
    ).toBe(true);
  });

  it('creates one configuration per lower-cased domain, within the per-organization limit', async () => {
    const { fake, written } = store();
    expect(await createConfiguration(fake, 'm-1', 'External.Example', { lambdaArn }, at(1000))).toEqual({
      ok: true,
      value: undefined,
    });
    expect(written).toEqual([
      {
        configuration: {
          organizationId: 'm-1',
          domainName: 'external.example',
          provider: { type: 'LAMBDA', lambdaArn },
          createdAt: 1000,
          modifiedAt: 1000,
        },
        limit: MAX_AVAILABILITY_CONFIGURATIONS,
      },
    ]);
    expect(MAX_AVAILABILITY_CONFIGURATIONS).toBe(100);
  });

  it('names the refusal when the domain is taken, the limit reached, or no provider given', async () => {
    expect(await createConfiguration(store('exists').fake, 'm-1', 'x.example', { lambdaArn }, at(0))).toEqual(
      {
        ok: false,
        refusal: { type: 'domainTaken', domainName: 'x.example' },
      },
    );
    expect(await createConfiguration(store('limit').fake, 'm-1', 'x.example', { lambdaArn }, at(0))).toEqual({
      ok: false,
      refusal: { type: 'limitReached', limit: 100 },
    });
    const { fake, written } = store();
    expect(await createConfiguration(fake, 'm-1', 'x.example', {}, at(0))).toEqual({
      ok: false,
      refusal: { type: 'providerCount' },
    });
    expect(written).toEqual([]);
  });

  it('replaces the provider of an existing configuration and refuses a missing one', async () => {
    const { fake, written } = store();
    expect(await updateConfiguration(fake, 'm-1', 'X.example', { ews }, at(5))).toEqual({
      ok: true,
      value: undefined,
    });
    expect(written[0].configuration).toMatchObject({
      domainName: 'x.example',
      provider: { type: 'EWS' },
      modifiedAt: 5,
    });
    expect(
      await updateConfiguration(store('created', false).fake, 'm-1', 'x.example', { ews }, at(5)),
    ).toEqual({
      ok: false,
      refusal: { type: 'notFound', domainName: 'x.example' },
    });
    expect(await updateConfiguration(fake, 'm-1', 'x.example', { ews, lambdaArn }, at(5))).toEqual({
      ok: false,
      refusal: { type: 'providerCount' },
    });
  });
});

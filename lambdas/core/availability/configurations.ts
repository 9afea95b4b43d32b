import type { AvailabilityConfigurationStore } from './ports';
import type { AvailabilityConfiguration, AvailabilityProvider, AvailabilityResult } from './types';

/**
 * Availability configurations an organization may hold. WorkMail documents no such quota; one per domain and at
 * most this many keeps a List call and the store bounded.
 */
export const MAX_AVAILABILITY_CONFIGURATIONS = 100;

/** The provider members of a Create, Update or Test request. */
export interface ProviderInput {
  readonly ews?: { readonly endpoint: string; readonly username: string; readonly password: string };
  readonly lambdaArn?: string;
}

/** Where a configuration call happens: its time (epoch ms) and the deployment's AWS account. */
export interface ConfigurationContext {
  readonly now: number;
  /** CAP functions must live in this account (any Region): the only one Mailwright's role may invoke in. */
  readonly accountId: string;
}

/**
 * The one provider a request defines; zero or two are refused (`providerCount`), a function of another account
 * too (`foreignAccount`).
 * @param accountId - the deployment's account
 * @example
 * providerOf({ lambdaArn: 'arn:aws:lambda:…' }, '111122223333'); // { ok: true, value: { type: 'LAMBDA', … } }
 */
export function providerOf(
  input: ProviderInput,
  accountId: string,
): AvailabilityResult<AvailabilityProvider> {
  if ((input.ews === undefined) === (input.lambdaArn === undefined))
    return { ok: false, refusal: { type: 'providerCount' } };
  if (input.lambdaArn !== undefined && input.lambdaArn.split(':')[4] !== accountId)
    return { ok: false, refusal: { type: 'foreignAccount', accountId } };
  if (input.ews) {
    const { endpoint, username, password } = input.ews;
    return {
      ok: true,
      value: { type: 'EWS', ewsEndpoint: endpoint, ewsUsername: username, ewsPassword: password },
    };
  }
  return { ok: true, value: { type: 'LAMBDA', lambdaArn: input.lambdaArn as string } };
}

/**
 * Adds the configuration of one domain. Refusals: `providerCount`, `foreignAccount`, `domainTaken`, `limitReached`.
 * @param context - the time (creation and modification) and the deployment's account
 * @example
 * await createConfiguration(store, 'm-…', 'external.example', { lambdaArn }, { now: Date.now(), accountId });
 */
export async function createConfiguration(
  store: AvailabilityConfigurationStore,
  organizationId: string,
  domainName: string,
  input: ProviderInput,
  { now, accountId }: ConfigurationContext,
): Promise<AvailabilityResult<void>> {
  const provider = providerOf(input, accountId);
  if (!provider.ok) return provider;
  const domain = domainName.toLowerCase();
  const configuration: AvailabilityConfiguration = {
    organizationId,
    domainName: domain,
    provider: provider.value,
    createdAt: now,
    modifiedAt: now,
  };
  const outcome = await store.create(configuration, MAX_AVAILABILITY_CONFIGURATIONS);
  if (outcome === 'exists') return { ok: false, refusal: { type: 'domainTaken', domainName: domain } };
  if (outcome === 'limit')
    return { ok: false, refusal: { type: 'limitReached', limit: MAX_AVAILABILITY_CONFIGURATIONS } };
  return { ok: true, value: undefined };
}

/**
 * Replaces a domain's provider (the type may change). Refusals: `providerCount`, `foreignAccount`, `notFound`.
 * @example
 * await updateConfiguration(store, 'm-…', 'external.example', { ews }, { now: Date.now(), accountId });
 */
export async function updateConfiguration(
  store: AvailabilityConfigurationStore,
  organizationId: string,
  domainName: string,
  input: ProviderInput,
  { now, accountId }: ConfigurationContext,
): Promise<AvailabilityResult<void>> {
  const provider = providerOf(input, accountId);
  if (!provider.ok) return provider;
  const domain = domainName.toLowerCase();
  const replaced = await store.replace({
    organizationId,
    domainName: domain,
    provider: provider.value,
    createdAt: now,
    modifiedAt: now,
  });
  return replaced
    ? { ok: true, value: undefined }
    : { ok: false, refusal: { type: 'notFound', domainName: domain } };
}

import { isJournalingSenderAddress } from './sender';
import type { JournalingConfiguration, JournalingStatus } from './types';

/** A journaling configuration as an admin asks for it. */
export interface JournalingConfigurationRequest {
  readonly organizationId: string;
  readonly status: JournalingStatus;
  readonly journalingAddress?: string;
  readonly reportAddress?: string;
}

/** Why a configuration was refused; `field` names the request member at fault. */
export interface JournalingConfigurationRefusal {
  readonly field: 'JournalingEmailAddress' | 'ReportEmailAddress';
  readonly reason: 'missing' | 'reserved';
}

/** The outcome of {@link journalingConfiguration}. */
export type JournalingConfigurationOutcome =
  | { readonly ok: true; readonly value: JournalingConfiguration }
  | { readonly ok: false; readonly refusal: JournalingConfigurationRefusal };

/**
 * Checks and normalises a configuration: ENABLED needs both addresses; no address may be the reserved journaling
 * sender (a record sent to it would go nowhere); addresses are stored lower-case.
 * @param request - the admin's request (addresses already matched the API's e-mail pattern)
 * @param now - the time of the change
 * @example
 * const outcome = journalingConfiguration({ organizationId, status: 'ENABLED', journalingAddress, reportAddress }, Date.now());
 */
export function journalingConfiguration(
  request: JournalingConfigurationRequest,
  now: number,
): JournalingConfigurationOutcome {
  const fields = [
    ['JournalingEmailAddress', request.journalingAddress],
    ['ReportEmailAddress', request.reportAddress],
  ] as const;
  for (const [field, address] of fields) {
    if (address === undefined && request.status === 'ENABLED')
      return { ok: false, refusal: { field, reason: 'missing' } };
    if (address !== undefined && isJournalingSenderAddress(address))
      return { ok: false, refusal: { field, reason: 'reserved' } };
  }
  return {
    ok: true,
    value: {
      organizationId: request.organizationId,
      status: request.status,
      ...(request.journalingAddress ? { journalingAddress: request.journalingAddress.toLowerCase() } : {}),
      ...(request.reportAddress ? { reportAddress: request.reportAddress.toLowerCase() } : {}),
      updatedAt: now,
    },
  };
}

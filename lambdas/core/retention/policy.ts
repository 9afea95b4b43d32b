import type { FolderConfiguration, PolicyRefusal } from './types';

/** Days in the longest period a folder configuration may have (WorkMail's model). */
export const MAX_PERIOD_DAYS = 730;

/**
 * Checks what the request shape cannot: each folder at most once, and a period for every action other than NONE.
 * @param configurations - the policy's folder configurations, shapes already validated
 * @returns the first refusal, or undefined when the policy is acceptable
 * @example
 * checkFolderConfigurations([{ name: 'INBOX', action: 'DELETE' }]); // { type: 'periodRequired', folder: 'INBOX' }
 */
export function checkFolderConfigurations(
  configurations: readonly FolderConfiguration[],
): PolicyRefusal | undefined {
  const seen = new Set<string>();
  for (const configuration of configurations) {
    if (seen.has(configuration.name)) return { type: 'duplicateFolder', folder: configuration.name };
    seen.add(configuration.name);
    if (configuration.action !== 'NONE' && configuration.periodDays === undefined)
      return { type: 'periodRequired', folder: configuration.name };
  }
  return undefined;
}

/**
 * The folder configurations that change anything (action other than NONE), as sweep rules.
 * @example
 * activeRules(policy.folderConfigurations); // [{ name: 'INBOX', action: 'DELETE', periodDays: 30 }]
 */
export function activeRules(
  configurations: readonly FolderConfiguration[],
): Array<FolderConfiguration & { readonly periodDays: number }> {
  return configurations.flatMap((configuration) =>
    configuration.action === 'NONE' || configuration.periodDays === undefined
      ? []
      : [{ ...configuration, periodDays: configuration.periodDays }],
  );
}

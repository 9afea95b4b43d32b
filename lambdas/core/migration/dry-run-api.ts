import type { MigrationLog, WorkMailApi } from './ports';

/** Input fields whose value never appears in a printed call. */
const SECRET_FIELDS = new Set(['Password', 'EwsPassword']);

/** Read actions: List…, Describe…, Get…, and Test… (which change nothing). */
export function isReadAction(action: string): boolean {
  return /^(List|Describe|Get|Test)/.test(action);
}

/**
 * A target that only prints the calls that would change it (passwords masked) and answers them with made-up ids,
 * so the directory step runs through without changing anything. Reads reach the real target, except those about
 * an object the dry run made up, which find nothing.
 * @example
 * const outcome = await migrateDirectory({ target: dryRunApi(target, console.log), state: memoryState(), log }, inv);
 */
export function dryRunApi(target: WorkMailApi, print: MigrationLog): WorkMailApi {
  let next = 0;
  const madeUp = () => `dry-run-${String(++next).padStart(6, '0')}`;
  return {
    call: async (action, input) => {
      if (isReadAction(action))
        return JSON.stringify(input).includes('dry-run-') ? {} : target.call(action, input);
      print(
        `${action} ${JSON.stringify(input, (key, value: unknown) => (SECRET_FIELDS.has(key) ? '***' : value))}`,
      );
      const id = madeUp();
      return {
        OrganizationId: id,
        UserId: id,
        GroupId: id,
        ResourceId: id,
        ImpersonationRoleId: id,
        MobileDeviceAccessRuleId: id,
      };
    },
  };
}

import type { JmapLogger } from '../../../../lambdas/http/jmap/logger';
import type { JmapMethod, JmapMethodContext } from '../../../../lambdas/http/jmap/method';
import { buildSession, DEFAULT_CORE_CAPABILITY } from '../../../../lambdas/http/jmap/session';
import type { JmapArguments, JmapSession } from '../../../../lambdas/http/jmap/types';

export const CORE = 'urn:ietf:params:jmap:core';
export const MAIL = 'urn:ietf:params:jmap:mail';
export const CONTACTS = 'urn:ietf:params:jmap:contacts';

/** The opaque principal the tests authenticate as. */
export interface TestPrincipal {
  readonly user: string;
}

export const ALICE: TestPrincipal = { user: 'alice' };

/** Alice's session: her own mail account A1 and a shared, read-only contacts account A2. */
export function aliceSession(): JmapSession {
  return buildSession({
    baseUrl: 'https://mail.example.com/jmap',
    core: DEFAULT_CORE_CAPABILITY,
    capabilities: { [MAIL]: {}, [CONTACTS]: {} },
    username: 'alice@example.com',
    accounts: {
      A1: {
        name: 'alice@example.com',
        isPersonal: true,
        isReadOnly: false,
        accountCapabilities: { [MAIL]: {} },
      },
      A2: {
        name: 'Team contacts',
        isPersonal: false,
        isReadOnly: true,
        accountCapabilities: { [CONTACTS]: {} },
      },
    },
    primaryAccounts: { [MAIL]: 'A1' },
  });
}

/** A logger that keeps what it is given. */
export function recordingLogger(): JmapLogger & {
  readonly lines: Array<{ message: string; fields: unknown }>;
} {
  const lines: Array<{ message: string; fields: unknown }> = [];
  return { lines, error: (message, fields) => lines.push({ message, fields }) };
}

/** A method that records the arguments and context of each call and answers with `answer`. */
export function recordingMethod(
  capability: string,
  answer: (args: JmapArguments, context: JmapMethodContext<TestPrincipal>) => unknown = () => ({}),
): JmapMethod<TestPrincipal> & {
  readonly calls: Array<{ args: JmapArguments; context: JmapMethodContext<TestPrincipal> }>;
} {
  const calls: Array<{ args: JmapArguments; context: JmapMethodContext<TestPrincipal> }> = [];
  return {
    capability,
    calls,
    handle: async (args, context) => {
      calls.push({ args, context });
      return answer(args, context) as JmapArguments;
    },
  };
}

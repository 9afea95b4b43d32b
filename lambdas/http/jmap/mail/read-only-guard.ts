import type { AuthenticatedUser } from '../../../core/user-auth/types';
import { JmapMethodError } from '../errors';
import type { JmapMethodRegistry } from '../method';

/** Methods that change data: every `/set`, `/copy` and `/import` (EmailSubmission/set sends mail). */
const WRITE_METHOD = /\/(set|copy|import)$/;

/**
 * The methods, with every write refused (`forbidden`) for an application signed in through a READ_ONLY
 * impersonation role; reads are untouched.
 */
export function readOnlyGuard(
  methods: JmapMethodRegistry<AuthenticatedUser>,
): JmapMethodRegistry<AuthenticatedUser> {
  return Object.fromEntries(
    Object.entries(methods).map(([name, method]) => [
      name,
      WRITE_METHOD.test(name)
        ? {
            ...method,
            handle: (args, context) =>
              context.principal.impersonation?.readOnly
                ? Promise.resolve(
                    new JmapMethodError('forbidden', 'A read-only impersonation role changes nothing.'),
                  )
                : method.handle(args, context),
          }
        : method,
    ]),
  );
}

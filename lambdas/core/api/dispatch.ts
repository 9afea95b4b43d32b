import { OrganizationNotFoundException } from './errors';
import { allowsOrganization, type Operation, type OperationContext } from './operation';
import { validate } from './validation';

/**
 * Runs one operation for any transport: validates the input before anything changes, hides organizations the
 * caller's key is not scoped to (as unknown ones), then calls the handler.
 * @param operation - from the catalog
 * @param rawInput - the decoded request members
 * @example
 * const output = await dispatch(findOperation('WorkMailService', 'ListUsers')!, body, ctx);
 */
export async function dispatch(
  operation: Operation,
  rawInput: unknown,
  ctx: OperationContext,
): Promise<unknown> {
  const input = validate(operation.input, rawInput ?? {});
  const organizationId = (input as { OrganizationId?: unknown }).OrganizationId;
  if (typeof organizationId === 'string' && !allowsOrganization(ctx.principal, organizationId)) {
    throw new OrganizationNotFoundException();
  }
  return operation.handle(input, ctx);
}

import { auditEvent } from '../admin-audit/audit-event';
import { OrganizationNotFoundException, ServiceException } from './errors';
import { allowsOrganization, type Operation, type OperationContext } from './operation';
import { validate } from './validation';

/**
 * Runs one operation for any transport: validates the input before anything changes, hides organizations the
 * caller's key is not scoped to (as unknown ones), then calls the handler; calls that may change something are
 * recorded in the admin audit log (docs/api.md, "Audit of admin calls").
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
  if (!operation.mutating) return run(operation, rawInput, ctx);
  // Every call that may change something is recorded, succeeded or not, once it has ended.
  let outcome = 'Success';
  try {
    return await run(operation, rawInput, ctx);
  } catch (error) {
    outcome = error instanceof ServiceException ? error.name : 'InternalFailure';
    throw error;
  } finally {
    await record(operation, rawInput, ctx, outcome);
  }
}

async function run(operation: Operation, rawInput: unknown, ctx: OperationContext): Promise<unknown> {
  const input = validate(operation.input, rawInput ?? {});
  const organizationId = (input as { OrganizationId?: unknown }).OrganizationId;
  if (typeof organizationId === 'string' && !allowsOrganization(ctx.principal, organizationId)) {
    throw new OrganizationNotFoundException();
  }
  return operation.handle(input, ctx);
}

/** Records the call. A failure to record fails the call (an unaudited change must not pass as a success). */
async function record(
  operation: Operation,
  rawInput: unknown,
  ctx: OperationContext,
  outcome: string,
): Promise<void> {
  const event = auditEvent(
    {
      time: ctx.deps.clock().getTime(),
      requestId: ctx.requestId,
      accessKeyId: ctx.principal.accessKeyId,
      action: `${operation.service}.${operation.name}`,
      ...(ctx.sourceIp ? { sourceIp: ctx.sourceIp } : {}),
    },
    rawInput,
    outcome,
  );
  await ctx.deps.adminAudit.record(event);
}

import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { ApiDeps } from './deps';

/** The `X-Amz-Target` prefix an operation is served under. WorkMail's own actions, or Mailwright's extensions. */
export type ServiceName = 'WorkMailService' | 'MailwrightService';

/** The REST route generated for an operation. Path parameters are `{Member}` names of the input. */
export interface RestRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
}

/** Who is calling: an admin access key, optionally limited to some organizations. */
export interface Principal {
  readonly accessKeyId: string;
  /** Organization ids this key may act on; `'*'` for all. */
  readonly organizations: readonly string[] | '*';
}

/** Everything an operation handler may use besides its input. */
export interface OperationContext {
  readonly deps: ApiDeps;
  readonly principal: Principal;
  readonly requestId: string;
  readonly sourceIp?: string;
}

/**
 * One admin action, written once and served by every transport (JSON protocol, REST, OpenAPI).
 * Names, fields and errors follow the WorkMail API.
 */
export interface Operation<I extends TObject = TObject, O extends TSchema = TSchema> {
  readonly name: string;
  readonly service: ServiceName;
  /** One line for the OpenAPI document. */
  readonly summary: string;
  readonly input: I;
  readonly output: O;
  /** Exception names this action can raise besides the common ones. */
  readonly errors: readonly string[];
  readonly route: RestRoute;
  /** True when the action changes state (audited, never retried blindly). */
  readonly mutating: boolean;
  handle(input: Static<I>, ctx: OperationContext): Promise<Static<O>>;
}

/**
 * Declares an operation with its types inferred from its schemas.
 * @example
 * export const describeOrganization = defineOperation({ name: 'DescribeOrganization', …, handle: async (input, ctx) => … });
 */
export function defineOperation<I extends TObject, O extends TSchema>(
  operation: Operation<I, O>,
): Operation<I, O> {
  return operation;
}

/** True when `principal` may act on `organizationId`. */
export function allowsOrganization(principal: Principal, organizationId: string): boolean {
  return principal.organizations === '*' || principal.organizations.includes(organizationId);
}

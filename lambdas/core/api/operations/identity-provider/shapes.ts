import { Type } from '@sinclair/typebox';
import { AccessDeniedException } from '../../errors';
import type { Principal } from '../../operation';
import { pattern } from '../../shapes';

/** Shapes of the IAM Identity Center operations (api-operations.md §4, "IAM Identity Center integration"). */

export const InstanceArn = pattern(
  'arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}',
  { minLength: 10, maxLength: 1124 },
);
export const ApplicationArn = pattern(
  'arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso::\\d{12}:application/(sso)?ins-[a-zA-Z0-9-.]{16}/apl-[a-zA-Z0-9]{16}',
  { minLength: 10, maxLength: 1224 },
);
export const AuthenticationMode = Type.Union([
  Type.Literal('IDENTITY_PROVIDER_ONLY'),
  Type.Literal('IDENTITY_PROVIDER_AND_DIRECTORY'),
]);
export const IdentityCenterConfiguration = Type.Object({ InstanceArn, ApplicationArn });
export const PersonalAccessTokenConfiguration = Type.Object({
  Status: Type.Union([Type.Literal('ACTIVE'), Type.Literal('INACTIVE')]),
  LifetimeInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3653 })),
});

/**
 * Identity Center applications belong to the account, not to an organization: only an account-wide key manages them.
 * @throws AccessDeniedException for a key limited to organizations
 * @example
 * requireAccountKey(ctx.principal, 'create Identity Center applications');
 */
export function requireAccountKey(principal: Principal, what: string): void {
  if (principal.organizations !== '*')
    throw new AccessDeniedException(`A key limited to organizations cannot ${what}.`);
}

import type { Operation } from '../../operation';
import { createIdentityCenterApplication } from './create-identity-center-application';
import { deleteIdentityCenterApplication } from './delete-identity-center-application';
import { deleteIdentityProviderConfiguration } from './delete-identity-provider-configuration';
import { describeIdentityCenterApplication } from './describe-identity-center-application';
import { describeIdentityProviderConfiguration } from './describe-identity-provider-configuration';
import { putIdentityCenterApplicationIssuer } from './put-identity-center-application-issuer';
import { putIdentityProviderConfiguration } from './put-identity-provider-configuration';

export { createIdentityCenterApplication } from './create-identity-center-application';
export { deleteIdentityCenterApplication } from './delete-identity-center-application';
export { deleteIdentityProviderConfiguration } from './delete-identity-provider-configuration';
export { describeIdentityCenterApplication } from './describe-identity-center-application';
export { describeIdentityProviderConfiguration } from './describe-identity-provider-configuration';
export { putIdentityCenterApplicationIssuer } from './put-identity-center-application-issuer';
export { putIdentityProviderConfiguration } from './put-identity-provider-configuration';

/**
 * The single sign-on operations of the catalog: WorkMail's five, plus Mailwright's issuer settings of an
 * application (WorkMail's live inside IAM Identity Center).
 */
export const identityProviderOperations: readonly Operation[] = [
  createIdentityCenterApplication,
  deleteIdentityCenterApplication,
  putIdentityProviderConfiguration,
  describeIdentityProviderConfiguration,
  deleteIdentityProviderConfiguration,
  putIdentityCenterApplicationIssuer,
  describeIdentityCenterApplication,
] as unknown as readonly Operation[];

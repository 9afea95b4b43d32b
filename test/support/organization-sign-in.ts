import {
  CreateIdentityCenterApplicationCommand,
  PutIdentityProviderConfigurationCommand,
} from '@aws-sdk/client-workmail';
import type { TestRuntime } from './local-runtime';
import type { TestIssuer } from './oidc-issuer';

/**
 * Makes `issuer` the organization's single sign-on, as an admin does: an Identity Center application, its issuer
 * (MailwrightService.PutIdentityCenterApplicationIssuer) and the identity provider configuration in `mode`, with
 * personal access tokens on.
 * @example
 * await useIssuerForSignIn(mw, organizationId, issuer, 'IDENTITY_PROVIDER_ONLY', INSTANCE_ARN);
 */
export async function useIssuerForSignIn(
  mw: TestRuntime,
  organizationId: string,
  issuer: TestIssuer,
  mode: 'IDENTITY_PROVIDER_ONLY' | 'IDENTITY_PROVIDER_AND_DIRECTORY',
  instanceArn: string,
): Promise<void> {
  const workmail = mw.workmail();
  const { ApplicationArn } = await workmail.send(
    new CreateIdentityCenterApplicationCommand({ Name: 'webmail', InstanceArn: instanceArn }),
  );
  const issuerSet = await mw.call({
    target: 'MailwrightService.PutIdentityCenterApplicationIssuer',
    body: {
      ApplicationArn,
      Issuer: issuer.issuer,
      ClientId: issuer.clientId,
      ClientSecret: issuer.clientSecret,
    },
  });
  if (issuerSet.status !== 200) throw new Error(JSON.stringify(issuerSet.json));
  await workmail.send(
    new PutIdentityProviderConfigurationCommand({
      OrganizationId: organizationId,
      AuthenticationMode: mode,
      IdentityCenterConfiguration: { InstanceArn: instanceArn, ApplicationArn },
      PersonalAccessTokenConfiguration: { Status: 'ACTIVE' },
    }),
  );
}

import type { IdentityProviderConfiguration } from './types';

/**
 * What an organization's identity provider configuration allows (directory-and-mailboxes.md §6): without one, the
 * directory password and personal access tokens; `IDENTITY_PROVIDER_ONLY` turns directory passwords off for every
 * protocol; personal access tokens stop working while INACTIVE.
 */

/**
 * True when directory passwords sign in.
 * @example
 * if (!passwordsAllowed(await identityProviders.getConfiguration(organizationId))) return refuse('METHOD_NOT_ALLOWED');
 */
export function passwordsAllowed(configuration: IdentityProviderConfiguration | undefined): boolean {
  return configuration?.authenticationMode !== 'IDENTITY_PROVIDER_ONLY';
}

/**
 * True when personal access tokens may be created and used.
 * @example
 * tokensAllowed(undefined); // true: an organization without single sign-on keeps its tokens
 */
export function tokensAllowed(configuration: IdentityProviderConfiguration | undefined): boolean {
  return configuration?.personalAccessTokens.status !== 'INACTIVE';
}

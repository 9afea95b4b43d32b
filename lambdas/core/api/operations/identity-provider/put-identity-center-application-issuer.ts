import { Type } from '@sinclair/typebox';
import { InvalidParameterException, ResourceNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { pattern } from '../../shapes';
import { ApplicationArn, requireAccountKey } from './shapes';

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/**
 * MailwrightService.PutIdentityCenterApplicationIssuer: the OpenID Connect issuer an application signs users in
 * through (IAM Identity Center, Cognito or any issuer with discovery, the authorization code flow and PKCE). The
 * client secret is sealed and never returned; a public client has none.
 */
export const putIdentityCenterApplicationIssuer = defineOperation({
  name: 'PutIdentityCenterApplicationIssuer',
  service: 'MailwrightService',
  summary:
    'Sets the OpenID Connect issuer URL, client id and (for a confidential client) client secret of an Identity ' +
    'Center application. The secret is stored sealed and never returned.',
  input: Type.Object({
    ApplicationArn,
    /** The issuer URL (`iss`): https, or http on a loopback address. */
    Issuer: Type.String({ minLength: 8, maxLength: 1024 }),
    ClientId: pattern('[\\x21-\\x7e]+', { minLength: 1, maxLength: 255 }),
    ClientSecret: Type.Optional(pattern('[\\x20-\\x7e]+', { minLength: 1, maxLength: 1024 })),
  }),
  output: Type.Object({}),
  errors: ['AccessDeniedException', 'InvalidParameterException', 'ResourceNotFoundException'],
  route: { method: 'PUT', path: '/identity-center-applications/{ApplicationArn}/issuer' },
  mutating: true,
  handle: async (input, ctx) => {
    requireAccountKey(ctx.principal, 'change Identity Center applications');
    const problem = issuerProblem(input.Issuer);
    if (problem) throw new InvalidParameterException(problem);
    const stored = await ctx.deps.identityProviders.putIssuer(input.ApplicationArn, {
      issuer: input.Issuer,
      clientId: input.ClientId,
      ...(input.ClientSecret === undefined ? {} : { clientSecret: input.ClientSecret }),
    });
    if (!stored) throw new ResourceNotFoundException('The Identity Center application was not found.');
    return {};
  },
});

/** Why an issuer URL is unusable, or undefined (OpenID Connect Discovery §2: https, no query or fragment). */
function issuerProblem(issuer: string): string | undefined {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'Issuer must be an absolute URL.';
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.includes(url.hostname));
  if (!secure) return 'Issuer must use https (http only on a loopback address).';
  if (url.search || url.hash || url.username || url.password)
    return 'Issuer may not have a query, a fragment or credentials.';
  return undefined;
}

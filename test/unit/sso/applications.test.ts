import { applicationInInstance, newApplicationArn } from '../../../lambdas/core/sso/applications';
import { pkceChallenge, randomSecret, sameSecret } from '../../../lambdas/core/sso/secrets';
import { passwordsAllowed, tokensAllowed } from '../../../lambdas/core/sso/sign-in-policy';
import type { IdentityProviderConfiguration } from '../../../lambdas/core/sso/types';

const INSTANCE = 'arn:aws-cn:sso:::instance/ssoins-1111222233334444';

describe('Identity Center application ARNs', () => {
  it('makes a new application ARN in the instance, owned by the account', () => {
    const arn = newApplicationArn(INSTANCE, '123456789012');

    expect(arn).toMatch(
      /^arn:aws-cn:sso::123456789012:application\/ssoins-1111222233334444\/apl-[a-z0-9]{16}$/,
    );
    expect(applicationInInstance(arn, INSTANCE)).toBe(true);
    expect(newApplicationArn(INSTANCE, '123456789012')).not.toBe(arn);
  });

  it('tells an application of another instance or partition', () => {
    const arn = newApplicationArn(INSTANCE, '123456789012');

    expect(applicationInInstance(arn, 'arn:aws-cn:sso:::instance/ssoins-9999888877776666')).toBe(false);
    expect(applicationInInstance(arn, 'arn:aws:sso:::instance/ssoins-1111222233334444')).toBe(false);
    expect(applicationInInstance('arn:nope', INSTANCE)).toBe(false);
  });
});

describe('Web sign-in secrets', () => {
  it('computes the PKCE S256 challenge of RFC 7636 appendix B', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('draws 256-bit base64url secrets and compares them whole', () => {
    const secret = randomSecret();

    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sameSecret(secret, secret)).toBe(true);
    expect(sameSecret(secret.slice(1), secret)).toBe(false);
    expect(sameSecret(undefined, secret)).toBe(false);
  });
});

describe('Sign-in policy of an identity provider configuration', () => {
  const configuration = (
    authenticationMode: IdentityProviderConfiguration['authenticationMode'],
    status: 'ACTIVE' | 'INACTIVE',
  ) => ({ authenticationMode, personalAccessTokens: { status } }) as IdentityProviderConfiguration;

  it('allows passwords and tokens without a configuration, as before single sign-on', () => {
    expect([passwordsAllowed(undefined), tokensAllowed(undefined)]).toEqual([true, true]);
  });

  it('turns passwords off only under IDENTITY_PROVIDER_ONLY, and tokens only while INACTIVE', () => {
    expect(passwordsAllowed(configuration('IDENTITY_PROVIDER_ONLY', 'ACTIVE'))).toBe(false);
    expect(passwordsAllowed(configuration('IDENTITY_PROVIDER_AND_DIRECTORY', 'ACTIVE'))).toBe(true);
    expect(tokensAllowed(configuration('IDENTITY_PROVIDER_ONLY', 'ACTIVE'))).toBe(true);
    expect(tokensAllowed(configuration('IDENTITY_PROVIDER_AND_DIRECTORY', 'INACTIVE'))).toBe(false);
  });
});

import {
  InvalidAdminSignInSettingsError,
  grantedScope,
  parseAdminSignInSettings,
  type AdminSignInSettings,
} from '../../../lambdas/core/sso/admin-grants';

const ORG_A = `m-${'a'.repeat(32)}`;
const ORG_B = `m-${'b'.repeat(32)}`;
const settings: AdminSignInSettings = {
  issuer: { issuer: 'https://idp.example.com', clientId: 'console' },
  grants: [
    { group: 'acme-admins', organizations: [ORG_A] },
    { group: 'beta-admins', organizations: [ORG_B, ORG_A] },
    { group: 'mail-admins', organizations: '*' },
  ],
};

describe('grantedScope', () => {
  it('grants every organization when one of the groups grants all', () => {
    expect(grantedScope(settings, { groups: ['acme-admins', 'mail-admins'] })).toBe('*');
  });

  it('joins the organizations of every matching group, each once', () => {
    expect(grantedScope(settings, { groups: ['acme-admins', 'beta-admins', 'staff'] })).toEqual([
      ORG_A,
      ORG_B,
    ]);
  });

  it('refuses an identity in no granted group, or without the claim', () => {
    expect(grantedScope(settings, { groups: ['staff'] })).toBeUndefined();
    expect(grantedScope(settings, {})).toBeUndefined();
  });

  it('reads the configured claim, also as a single string', () => {
    const cognito = { ...settings, groupsClaim: 'cognito:groups' };

    expect(grantedScope(cognito, { 'cognito:groups': 'acme-admins', groups: ['mail-admins'] })).toEqual([
      ORG_A,
    ]);
  });
});

describe('parseAdminSignInSettings', () => {
  const valid = {
    issuer: 'https://idp.example.com',
    clientId: 'console',
    grants: [
      { group: 'mail-admins', allOrganizations: true },
      { group: 'acme-admins', organizationIds: [ORG_A] },
    ],
  };

  it('reads the JSON form, with a one-hour key lifetime by default', () => {
    expect(parseAdminSignInSettings({ ...valid, clientSecret: 's3cret', groupsClaim: 'roles' })).toEqual({
      issuer: { issuer: 'https://idp.example.com', clientId: 'console', clientSecret: 's3cret' },
      groupsClaim: 'roles',
      grants: [
        { group: 'mail-admins', organizations: '*' },
        { group: 'acme-admins', organizations: [ORG_A] },
      ],
      keyLifetimeMinutes: 60,
    });
  });

  it.each([
    [{ ...valid, issuer: 'not a url' }, 'issuer must be a URL'],
    [{ ...valid, clientId: '' }, 'clientId must be a non-empty string'],
    [{ ...valid, grants: [] }, 'grants must list at least one grant'],
    [{ ...valid, grants: [{ group: 'x' }] }, 'grants[0] needs allOrganizations: true or organizationIds'],
    [{ ...valid, grants: [{ group: 'x', organizationIds: ['acme'] }] }, 'grants[0] needs'],
    [{ ...valid, keyLifetimeMinutes: 721 }, 'keyLifetimeMinutes must be a whole number from 5 to 720'],
    [[], 'the settings must be an object'],
    [{ ...valid, grants: ['mail-admins'] }, 'grants[0] must be an object'],
    [{ ...valid, clientSecret: 7 }, 'clientSecret must be a non-empty string'],
  ])('refuses %j, naming the field', (json, message) => {
    expect(() => parseAdminSignInSettings(json)).toThrow(InvalidAdminSignInSettingsError);
    expect(() => parseAdminSignInSettings(json)).toThrow(message);
  });
});

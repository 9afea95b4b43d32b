import { asArray, functionStatements, logicalId, synthesize } from './fixture';

const ORGANIZATION = `m-${'a'.repeat(32)}`;
const adminSignIn = {
  issuer: 'https://idp.example.com',
  clientId: 'mailwright-console',
  groupsClaim: 'cognito:groups',
  grants: [
    { group: 'mail-admins', allOrganizations: true },
    { group: 'acme-helpdesk', organizationIds: [ORGANIZATION] },
  ],
};

describe('Stack prop: adminSignIn (the admin console through single sign-on)', () => {
  const directoryWrites = (template: ReturnType<typeof synthesize>['template']) => {
    const directory = logicalId(template, 'AWS::DynamoDB::Table', 'DirectoryTable');
    return functionStatements(template, 'JmapFunction')
      .filter(
        (statement) =>
          asArray(statement.Action as string | string[]).includes('dynamodb:PutItem') &&
          JSON.stringify(statement.Resource).includes(directory),
      )
      .map((statement) => statement.Condition);
  };

  it('gives the user API function the settings, /admin/auth/ and admin keys, sessions and the account audit only', () => {
    const { template } = synthesize({ adminSignIn });
    const fn = template.toJSON().Resources[logicalId(template, 'AWS::Lambda::Function', 'JmapFunction')];
    const api = logicalId(template, 'AWS::ApiGateway::RestApi', 'UserApi');
    const paths = Object.values(template.findResources('AWS::ApiGateway::Resource'))
      .filter((resource) => JSON.stringify(resource.Properties).includes(`"${api}"`))
      .map((resource) => resource.Properties.PathPart);

    expect(JSON.parse(fn.Properties.Environment.Variables.MAILWRIGHT_ADMIN_SIGN_IN)).toEqual(adminSignIn);
    expect(paths).toContain('admin');
    expect(directoryWrites(template)).toContainEqual({
      'ForAllValues:StringLike': {
        'dynamodb:LeadingKeys': ['ADMINKEY#*', 'ADMINSESSION#*', 'AUDIT#ACCOUNT'],
      },
    });
    const kms = functionStatements(template, 'JmapFunction').filter((statement) =>
      JSON.stringify(statement.Condition ?? {}).includes('mailwright-admin-key'),
    );
    expect(asArray(kms[0]?.Action as string | string[]).sort()).toEqual(['kms:Decrypt', 'kms:Encrypt']);
  });

  it('adds nothing without it', () => {
    const { template } = synthesize();
    const fn = template.toJSON().Resources[logicalId(template, 'AWS::Lambda::Function', 'JmapFunction')];

    expect(fn.Properties.Environment.Variables.MAILWRIGHT_ADMIN_SIGN_IN).toBeUndefined();
    expect(JSON.stringify(directoryWrites(template))).not.toContain('ADMINKEY#');
  });

  it('refuses settings that cannot be used, at synth', () => {
    expect(() => synthesize({ adminSignIn: { ...adminSignIn, grants: [{ group: 'x' }] } })).toThrow(
      /MailwrightStack 'Test': admin sign-in settings: grants\[0\] needs/,
    );
  });
});

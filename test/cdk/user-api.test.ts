import { asArray, functionStatements, grantsOf, logicalId, synthesize } from './fixture';

describe('Construct: UserApi', () => {
  const { template } = synthesize();
  const api = logicalId(template, 'AWS::ApiGateway::RestApi', 'UserApi');
  const ofApi = (type: string) =>
    Object.values(template.findResources(type)).filter((resource) =>
      JSON.stringify(resource.Properties).includes(`"${api}"`),
    );

  it("serves JMAP (/.well-known/jmap, /jmap/), CalDAV/CardDAV (/.well-known/caldav|carddav, /dav/), single sign-on (/auth/) and users' tokens (/account/), without API Gateway auth", () => {
    expect(
      ofApi('AWS::ApiGateway::Resource')
        .map((resource) => resource.Properties.PathPart)
        .sort(),
    ).toEqual(
      [
        '.well-known',
        'jmap',
        'jmap',
        '{proxy+}',
        'caldav',
        'carddav',
        'dav',
        '{proxy+}',
        'auth',
        '{proxy+}',
        'account',
        '{proxy+}',
      ].sort(),
    );
    const methods = ofApi('AWS::ApiGateway::Method').map((method) => method.Properties);
    expect(methods.map((method) => method.HttpMethod).sort()).toEqual([
      'ANY',
      'ANY',
      'ANY',
      'ANY',
      'ANY',
      'ANY',
      'ANY',
      'GET',
    ]);
    for (const method of methods)
      expect(method).toMatchObject({ AuthorizationType: 'NONE', Integration: { Type: 'AWS_PROXY' } });
    expect(template.findOutputs('JmapSessionUrl')).toBeDefined();
  });

  it('lets the JMAP function read mailbox keys but never write them', () => {
    const keyTable = logicalId(template, 'AWS::DynamoDB::Table', 'MailboxKeyTable');
    const writes = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ];
    for (const action of writes)
      expect(
        grantsOf(template, 'JmapFunction', action).filter((grant) => grant.resource.includes(keyTable)),
      ).toEqual([]);
    expect(
      grantsOf(template, 'JmapFunction', 'dynamodb:GetItem').some((grant) =>
        grant.resource.includes(keyTable),
      ),
    ).toBe(true);
  });

  it('writes the Directory table only in the sign-in, token, single sign-on, deployment-key and journal outbox partitions', () => {
    const directory = logicalId(template, 'AWS::DynamoDB::Table', 'DirectoryTable');
    const writes = functionStatements(template, 'JmapFunction').filter(
      (statement) =>
        asArray(statement.Action as string | string[]).some((action) =>
          /Put|Update|Delete|BatchWrite/.test(action),
        ) && JSON.stringify(statement.Resource).includes(directory),
    );

    expect(writes.map((write) => write.Condition)).toEqual([
      { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SIGNIN#*', 'PAT#*'] } },
      { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SSOLOGIN#*', 'SSOSESSION#*'] } },
      { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['DEPLOYMENT#KEYS'] } },
      { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['JOURNAL#*'] } },
    ]);
  });

  it('reads, writes (uploads, imports, sent mail) and deletes message blobs in the store bucket', () => {
    const store = logicalId(template, 'AWS::S3::Bucket', 'StoreBucket');
    const inbound = logicalId(template, 'AWS::S3::Bucket', 'InboundBucket');
    const on = (bucket: string, action: string) =>
      grantsOf(template, 'JmapFunction', action).filter((grant) => grant.resource.includes(bucket));

    for (const action of ['s3:GetObject*', 's3:PutObject', 's3:DeleteObject*'])
      expect(on(store, action).length).toBeGreaterThan(0);
    expect(on(inbound, 's3:DeleteObject*')).toEqual([]);
  });

  it('writes the inbound bucket only under message-flow/ (outbound Run Lambda rules) and journal/ (journal records)', () => {
    const inbound = logicalId(template, 'AWS::S3::Bucket', 'InboundBucket');
    const puts = grantsOf(template, 'JmapFunction', 's3:PutObject').filter((grant) =>
      grant.resource.includes(inbound),
    );

    expect(puts.map((grant) => grant.resource).sort()).toEqual([
      expect.stringContaining('/journal/*'),
      expect.stringContaining('/message-flow/*'),
    ]);
  });

  it('sends raw mail only from SES identities of its own account and Region, through its one configuration set', () => {
    const sends = grantsOf(template, 'JmapFunction', 'ses:SendEmail').map((grant) =>
      JSON.parse(grant.resource),
    );
    const configurationSet = logicalId(template, 'AWS::SES::ConfigurationSet', 'SendEvents');

    expect(sends).toEqual([
      'arn:aws:ses:eu-west-1:123456789012:identity/*',
      {
        'Fn::Join': [
          '',
          ['arn:aws:ses:eu-west-1:123456789012:configuration-set/', { Ref: configurationSet }],
        ],
      },
    ]);
    expect(grantsOf(template, 'JmapFunction', 'ses:SendRawEmail')).toHaveLength(2);
  });

  it('tells the JMAP function which configuration set to send through', () => {
    const fn = template.toJSON().Resources[logicalId(template, 'AWS::Lambda::Function', 'JmapFunction')];

    expect(fn.Properties.Environment.Variables.MAILWRIGHT_SES_CONFIGURATION_SET).toEqual({
      Ref: logicalId(template, 'AWS::SES::ConfigurationSet', 'SendEvents'),
    });
  });

  it('invokes only flow-rule functions tagged with an organization, and availability providers in any Region', () => {
    expect(grantsOf(template, 'JmapFunction', 'lambda:InvokeFunction')).toEqual([
      {
        resource: expect.stringContaining(':function:*'),
        condition: { Null: { 'aws:ResourceTag/mailwright:organization': 'false' } },
      },
      {
        resource: expect.stringMatching(/:lambda:\*:.*:function:\*/),
        condition: {
          StringEquals: { 'aws:ResourceTag/mailwright:availability': 'true' },
          Null: { 'aws:ResourceTag/mailwright:organization': 'false' },
        },
      },
    ]);
  });

  describe('with mail access', () => {
    const mailAccess = {
      hostName: 'mail.example.com',
      imapPort: 143,
      imapTlsPort: 993,
      submissionPort: 587,
      submissionTlsPort: 465,
    };
    const withAccess = synthesize({ mailAccess }).template;

    it('routes the autoconfiguration paths of Thunderbird, Outlook and Apple to the JMAP function', () => {
      const resources = withAccess.toJSON().Resources as Record<
        string,
        { Type: string; Properties: Record<string, unknown> }
      >;
      const pathOf = (id: string): string => {
        const { PathPart, ParentId } = resources[id]!.Properties as { PathPart: string; ParentId: unknown };
        const parent = (ParentId as { Ref?: string }).Ref;
        return `${parent && resources[parent]?.Type === 'AWS::ApiGateway::Resource' ? pathOf(parent) : ''}/${PathPart}`;
      };
      const routes = Object.values(resources)
        .filter((resource) => resource.Type === 'AWS::ApiGateway::Method')
        .map((method) => method.Properties as { HttpMethod: string; ResourceId: { Ref?: string } })
        .filter((method) => method.ResourceId.Ref !== undefined)
        .map((method) => `${method.HttpMethod} ${pathOf(method.ResourceId.Ref!)}`);

      expect(routes).toEqual(
        expect.arrayContaining([
          'GET /.well-known/autoconfig/mail/config-v1.1.xml',
          'GET /mail/config-v1.1.xml',
          'GET /mail/mobileconfig',
          'POST /autodiscover/autodiscover.xml',
          'POST /Autodiscover/Autodiscover.xml',
        ]),
      );
    });

    it('gives every function the mail access settings, so GetMailDomain lists the SRV records', () => {
      for (const hint of ['JmapFunction', 'AdminApiFunction']) {
        const fn = withAccess.toJSON().Resources[logicalId(withAccess, 'AWS::Lambda::Function', hint)];
        expect(JSON.parse(fn.Properties.Environment.Variables.MAILWRIGHT_MAIL_ACCESS as string)).toEqual(
          mailAccess,
        );
      }
      const fn = template.toJSON().Resources[logicalId(template, 'AWS::Lambda::Function', 'JmapFunction')];
      expect(fn.Properties.Environment.Variables.MAILWRIGHT_MAIL_ACCESS).toBeUndefined();
    });
  });
});

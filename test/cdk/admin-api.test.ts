import { Match } from 'aws-cdk-lib/assertions';
import { loadConfig } from '../../lambdas/handlers/config';
import { asArray, functionStatements, grantsOf, logicalId, synthesize } from './fixture';

describe('Construct: AdminApi', () => {
  const { template } = synthesize();
  const keyId = logicalId(template, 'AWS::KMS::Key', 'OrganizationKey');

  it('runs every function on nodejs22.x arm64 as a bundled ESM handler', () => {
    // All but CDK's own BucketDeployment function (Python), which uploads the web app at deployment.
    const functions = Object.entries(template.findResources('AWS::Lambda::Function'))
      .filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'))
      .map(([, fn]) => fn);
    expect(functions.length).toBeGreaterThanOrEqual(2);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
      });
    }
  });

  it('proxies every path, including /, to the API function without API Gateway auth', () => {
    const api = logicalId(template, 'AWS::ApiGateway::RestApi', 'AdminApi');
    const ofApi = (type: string) =>
      Object.values(template.findResources(type)).filter((resource) =>
        JSON.stringify(resource.Properties).includes(`"${api}"`),
      );
    const resources = ofApi('AWS::ApiGateway::Resource');
    expect(resources.map((resource) => resource.Properties.PathPart)).toEqual(['{proxy+}']);
    const methods = ofApi('AWS::ApiGateway::Method');
    expect(methods).toHaveLength(2);
    for (const method of methods) {
      expect(method.Properties).toMatchObject({
        HttpMethod: 'ANY',
        AuthorizationType: 'NONE',
        Integration: { Type: 'AWS_PROXY' },
      });
    }
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      BinaryMediaTypes: ['*/*'],
      EndpointConfiguration: { Types: ['REGIONAL'] },
      SecurityPolicy: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
    });
  });

  it('logs access, throttles, and never logs request bodies', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      MethodSettings: [
        Match.objectLike({
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
          ThrottlingRateLimit: 50,
          ThrottlingBurstLimit: 100,
        }),
      ],
    });
  });

  it('configures the function for loadConfig, including the secrets and the stage base path', () => {
    const fn = template.toJSON().Resources[logicalId(template, 'AWS::Lambda::Function', 'AdminApiFunction')];
    expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(
      expect.arrayContaining([
        'MAILWRIGHT_ACCOUNT_ID',
        'MAILWRIGHT_DIRECTORY_TABLE',
        'MAILWRIGHT_MAILBOX_TABLE',
        'MAILWRIGHT_KEY_TABLE',
        'MAILWRIGHT_DEFAULT_KEY_ARN',
        'MAILWRIGHT_BOOTSTRAP_ADMIN_SECRET',
        'MAILWRIGHT_PAGE_TOKEN_SECRET',
      ]),
    );
    expect(fn.Properties.Environment.Variables.MAILWRIGHT_API_BASE_PATH).toBe('/v1');
  });

  it.each(['AdminApiFunction', 'InboundFunction'])('gives %s every variable loadConfig requires', (hint) => {
    const fn = template.toJSON().Resources[logicalId(template, 'AWS::Lambda::Function', hint)];
    const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
    // Tokens (Ref, GetAtt) are deploy-time values: any non-empty string stands in for them here.
    const env = Object.fromEntries(
      Object.entries(variables).map(([name, value]) => [
        name,
        typeof value === 'string' ? value : `<${name}>`,
      ]),
    );
    expect(() => loadConfig({ ...env, AWS_REGION: 'eu-west-1' })).not.toThrow();
  });

  it('grants the API function no wildcard actions, and KMS only on the organization key', () => {
    const statements = functionStatements(template, 'AdminApiFunction');
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      const actions = asArray(statement.Action as string | string[]);
      expect(actions.filter((action) => action === '*' || action.endsWith(':*'))).toEqual([]);
      if (actions.some((action) => action.startsWith('kms:'))) {
        expect(statement.Resource).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      }
      if (actions.some((action) => action.startsWith('dynamodb:'))) {
        for (const resource of asArray(statement.Resource)) expect(JSON.stringify(resource)).toMatch(/Table/);
      }
    }
    const actions = statements.flatMap((statement) => asArray(statement.Action as string | string[]));
    expect(actions).toEqual(
      expect.arrayContaining(['kms:Encrypt', 'kms:Decrypt', 'secretsmanager:GetSecretValue']),
    );
    // The API invokes the mailbox export worker, and otherwise only tagged availability providers (never a
    // flow-rule target).
    const worker = logicalId(template, 'AWS::Lambda::Function', 'MailboxExportFunction');
    for (const statement of statements.filter((each) =>
      asArray(each.Action as string | string[]).includes('lambda:InvokeFunction'),
    )) {
      if (JSON.stringify(statement.Resource).includes(':function:*'))
        expect(statement.Condition).toMatchObject({
          StringEquals: { 'aws:ResourceTag/mailwright:availability': 'true' },
        });
      else expect(statement.Resource).toEqual({ 'Fn::GetAtt': [worker, 'Arn'] });
    }
  });

  it('serves the Message Flow API: in-flight records, originals under incoming/, replacements under message-flow/', () => {
    const mailbox = logicalId(template, 'AWS::DynamoDB::Table', 'MailboxTable');
    const updates = grantsOf(template, 'AdminApiFunction', 'dynamodb:UpdateItem').map(
      (grant) => grant.resource,
    );
    expect(updates).toContain(JSON.stringify({ 'Fn::GetAtt': [mailbox, 'Arn'] }));
    const inbound = grantsOf(template, 'AdminApiFunction', 's3:GetObject*')
      .map((grant) => grant.resource)
      .filter((resource) => resource.includes('InboundBucket'));
    expect(inbound).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/incoming/*'),
        expect.stringContaining('/message-flow/*'),
      ]),
    );
    // (Audit records to organizations' buckets are grants of their own: audit-log-grants.test.ts.)
    const puts = grantsOf(template, 'AdminApiFunction', 's3:PutObject')
      .map((grant) => grant.resource)
      .filter((resource) => !resource.includes('/AWSLogs/'));
    expect(puts).toEqual([expect.stringContaining('/message-flow/*')]);
    // Deleting is only for discarding a destroyed mailbox's in-flight messages: a message's replacements (found with
    // a listing limited to message-flow/) and its original.
    const inboundDeletes = grantsOf(template, 'AdminApiFunction', 's3:DeleteObject*')
      .map((grant) => grant.resource)
      .filter((resource) => resource.includes('InboundBucket'));
    expect(inboundDeletes.sort()).toEqual([
      expect.stringContaining('/incoming/*'),
      expect.stringContaining('/message-flow/*'),
    ]);
    const listings = functionStatements(template, 'AdminApiFunction').filter((statement) =>
      asArray(statement.Action as string | string[]).includes('s3:ListBucket'),
    );
    expect(listings.map((statement) => statement.Condition)).toEqual([
      { StringLike: { 's3:prefix': ['message-flow/*'] } },
    ]);
  });

  it('may read no S3 object outside its own buckets: content buckets opt in by bucket policy', () => {
    const statements = functionStatements(template, 'AdminApiFunction');
    const s3Reads = statements.filter((statement) =>
      asArray(statement.Action as string | string[]).some((action) => /^s3:(GetObject|\*)/.test(action)),
    );
    const resources = s3Reads
      .flatMap((statement) => asArray(statement.Resource))
      .map((r) => JSON.stringify(r));

    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) expect(resource).toMatch(/InboundBucket|StoreBucket/);
    expect(resources.join()).not.toContain('arn:aws:s3:::*');
  });

  it("outputs the API function's role ARN for bucket policies", () => {
    const fn = template.toJSON().Resources[logicalId(template, 'AWS::Lambda::Function', 'AdminApiFunction')];
    template.hasOutput('MessageFlowReaderRoleArn', {
      Value: { 'Fn::GetAtt': [fn.Properties.Role['Fn::GetAtt'][0], 'Arn'] },
    });
  });

  it('alarms on API 5xx answers and on function errors', () => {
    const topic = { Ref: logicalId(template, 'AWS::SNS::Topic', 'AlarmTopic') };
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: '5XXError',
      Namespace: 'AWS/ApiGateway',
      AlarmActions: [topic],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [
        {
          Name: 'FunctionName',
          Value: { Ref: logicalId(template, 'AWS::Lambda::Function', 'AdminApiFunction') },
        },
      ],
      AlarmActions: [topic],
    });
  });

  it('generates the bootstrap admin key as {accessKeyId, secretAccessKey} and outputs its name and the endpoint', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: {
        SecretStringTemplate: Match.stringLikeRegexp('^\\{"accessKeyId":"AKMW[A-Z0-9]{16}"\\}$'),
        GenerateStringKey: 'secretAccessKey',
        PasswordLength: 40,
        ExcludePunctuation: true,
      },
      KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    template.hasOutput('AdminApiEndpoint', {});
    template.hasOutput('BootstrapAdminSecretName', {});
  });

  it('invokes only availability providers: functions tagged mailwright:availability=true and with an organization', () => {
    expect(grantsOf(template, 'AdminApiFunction', 'lambda:InvokeFunction')).toEqual(
      expect.arrayContaining([
        {
          resource: expect.stringMatching(/:lambda:\*:.*:function:\*/),
          condition: {
            StringEquals: { 'aws:ResourceTag/mailwright:availability': 'true' },
            Null: { 'aws:ResourceTag/mailwright:organization': 'false' },
          },
        },
      ]),
    );
    const unconditioned = grantsOf(template, 'AdminApiFunction', 'lambda:InvokeFunction').filter(
      (grant) =>
        grant.condition === undefined && String(JSON.stringify(grant.resource)).includes(':function:*'),
    );
    expect(unconditioned).toEqual([]);
    expect(grantsOf(template, 'AdminApiFunction', 'lambda:ListTags')).toHaveLength(1);
  });
});

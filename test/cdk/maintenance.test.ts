import { Match } from 'aws-cdk-lib/assertions';
import { Maintenance } from '../../lib/maintenance';
import { asArray, functionStatements, grantsOf, logicalId, synthesize } from './fixture';

describe('Construct: Maintenance', () => {
  const { template } = synthesize();
  const purgeFn = logicalId(template, 'AWS::Lambda::Function', 'PurgeFunction');
  const directory = JSON.stringify({
    'Fn::GetAtt': [logicalId(template, 'AWS::DynamoDB::Table', 'DirectoryTable'), 'Arn'],
  });
  const mailbox = JSON.stringify({
    'Fn::GetAtt': [logicalId(template, 'AWS::DynamoDB::Table', 'MailboxTable'), 'Arn'],
  });

  it('runs the purge function daily at 03:00 UTC from an EventBridge rule, with retries', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 3 * * ? *)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [purgeFn, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 },
        }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [purgeFn, 'Arn'] },
      Principal: 'events.amazonaws.com',
    });
  });

  it('gives the purge function 15 minutes and the shared configuration', () => {
    const fn = template.toJSON().Resources[purgeFn];
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Timeout: 900 });
    expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(
      expect.arrayContaining([
        'MAILWRIGHT_DIRECTORY_TABLE',
        'MAILWRIGHT_MAILBOX_TABLE',
        'MAILWRIGHT_KEY_TABLE',
        'MAILWRIGHT_STORE_BUCKET',
      ]),
    );
  });

  it('may read the directory and update entity items, but not put or delete them', () => {
    expect(grantsOf(template, 'PurgeFunction', 'dynamodb:Query').map((grant) => grant.resource)).toContain(
      directory,
    );
    expect(grantsOf(template, 'PurgeFunction', 'dynamodb:UpdateItem').map((grant) => grant.resource)).toEqual(
      expect.arrayContaining([directory, mailbox]),
    );
    for (const action of ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) {
      const resources = grantsOf(template, 'PurgeFunction', action).map((grant) => grant.resource);
      expect(resources).not.toContain(directory);
      expect(resources).toContain(mailbox);
    }
  });

  it("may delete store blobs and a purged mailbox's in-flight objects, use the organization key, and nothing else", () => {
    const deletes = grantsOf(template, 'PurgeFunction', 's3:DeleteObject*').map((grant) => grant.resource);
    expect(deletes.sort()).toEqual([
      expect.stringMatching(/InboundBucket.*\/incoming\/\*/),
      expect.stringMatching(/InboundBucket.*\/message-flow\/\*/),
      expect.stringContaining('StoreBucket'),
    ]);
    expect(grantsOf(template, 'PurgeFunction', 's3:PutObject')).toEqual([]);
    const keyId = logicalId(template, 'AWS::KMS::Key', 'OrganizationKey');
    const actions = functionStatements(template, 'PurgeFunction').flatMap((statement) =>
      asArray(statement.Action as string | string[]),
    );
    expect(actions).toEqual(expect.arrayContaining(['kms:Decrypt']));
    for (const grant of grantsOf(template, 'PurgeFunction', 'kms:Decrypt'))
      expect(grant.resource).toBe(JSON.stringify({ 'Fn::GetAtt': [keyId, 'Arn'] }));
    expect(actions).not.toContain('secretsmanager:GetSecretValue');
    expect(actions).not.toContain('lambda:InvokeFunction');
  });

  it('alarms on purge errors, notifying the alarm topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: purgeFn } }],
      AlarmActions: [{ Ref: logicalId(template, 'AWS::SNS::Topic', 'AlarmTopic') }],
    });
  });

  it('refuses an hour outside 0–23', () => {
    const { stack } = synthesize();
    expect(
      () =>
        new Maintenance(stack, 'Bad', {
          storage: stack.storage,
          observability: stack.observability,
          environment: {},
          purgeHourUtc: 24,
        }),
    ).toThrow(/purgeHourUtc/);
  });
});

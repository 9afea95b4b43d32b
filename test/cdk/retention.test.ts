import { Match } from 'aws-cdk-lib/assertions';
import { Retention } from '../../lib/retention';
import { asArray, functionStatements, grantsOf, logicalId, synthesize } from './fixture';

describe('Construct: Retention', () => {
  const { template } = synthesize({ recoverableItemsDays: 14 });
  const planner = logicalId(template, 'AWS::Lambda::Function', 'RetentionPlannerFunction');
  const worker = logicalId(template, 'AWS::Lambda::Function', 'RetentionWorkerFunction');
  const table = (hint: string) =>
    JSON.stringify({ 'Fn::GetAtt': [logicalId(template, 'AWS::DynamoDB::Table', hint), 'Arn'] });
  const actionsOf = (hint: string) =>
    functionStatements(template, hint).flatMap((statement) => asArray(statement.Action as string | string[]));

  it('runs the planner every hour from an EventBridge rule, with retries', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(20 * * * ? *)',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [planner, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        }),
      ],
    });
  });

  it('tells the planner its worker, and both the Recoverable Items window', () => {
    const resources = template.toJSON().Resources;
    expect(resources[planner].Properties.Environment.Variables).toMatchObject({
      MAILWRIGHT_RETENTION_WORKER: { Ref: worker },
      MAILWRIGHT_RECOVERABLE_ITEMS_DAYS: '14',
    });
    expect(resources[planner].Properties.Timeout).toBe(900);
    expect(resources[worker].Properties.Environment.Variables.MAILWRIGHT_RECOVERABLE_ITEMS_DAYS).toBe('14');
  });

  it('retries a failed batch twice, then sends it to an encrypted dead-letter queue that alarms', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: worker },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('RetentionDeadLetterQueue'), 'Arn'] },
        },
      },
    });
    const dlq = logicalId(template, 'AWS::SQS::Queue', 'RetentionDeadLetterQueue');
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
    });
    for (const fn of [planner, worker])
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
      });
  });

  it('lets the planner read policies and the age index and invoke only the worker, writing nothing', () => {
    expect(grantsOf(template, 'RetentionPlannerFunction', 'dynamodb:Query').map((g) => g.resource)).toEqual(
      expect.arrayContaining([table('DirectoryTable'), table('MailboxTable')]),
    );
    expect(grantsOf(template, 'RetentionPlannerFunction', 'lambda:InvokeFunction')).toEqual([
      { resource: JSON.stringify({ 'Fn::GetAtt': [worker, 'Arn'] }) },
    ]);
    const actions = actionsOf('RetentionPlannerFunction');
    for (const write of [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      's3:DeleteObject*',
    ])
      expect(actions).not.toContain(write);
  });

  it('lets the worker change the Mailbox table and delete store blobs, but never unwrap keys or read mail', () => {
    expect(
      grantsOf(template, 'RetentionWorkerFunction', 'dynamodb:UpdateItem').map((g) => g.resource),
    ).toContain(table('MailboxTable'));
    const deletes = grantsOf(template, 'RetentionWorkerFunction', 's3:DeleteObject*').map((g) => g.resource);
    expect(deletes).toEqual([expect.stringContaining('StoreBucket')]);
    expect(actionsOf('RetentionWorkerFunction')).not.toContain('s3:GetObject*');
    // The organization key only through DynamoDB (the tables' encryption) and SQS (the dead-letter queue).
    for (const grant of grantsOf(template, 'RetentionWorkerFunction', 'kms:Decrypt'))
      expect(JSON.stringify(grant.condition)).toMatch(/kms:ViaService/);
    expect(
      grantsOf(template, 'RetentionWorkerFunction', 'dynamodb:GetItem').map((g) => g.resource),
    ).not.toContain(table('MailboxKeyTable'));
  });

  it('refuses a Recoverable Items window outside 1–730 days', () => {
    expect(() => synthesize({ recoverableItemsDays: 0 })).toThrow(/recoverableItemsDays/);
    expect(() => synthesize({ recoverableItemsDays: 731 })).toThrow(/recoverableItemsDays/);
  });

  it('refuses a planner minute outside 0–59', () => {
    const { stack } = synthesize();
    expect(
      () =>
        new Retention(stack, 'Bad', {
          storage: stack.storage,
          observability: stack.observability,
          environment: {},
          plannerMinute: 60,
        }),
    ).toThrow(/plannerMinute/);
  });
});

import { Match } from 'aws-cdk-lib/assertions';
import { asArray, functionStatements, grantsOf, logicalId, synthesize } from './fixture';

describe('Construct: Inbound', () => {
  const { template } = synthesize({ inboundRecipients: ['example.com', 'example.org'] });
  const inboundFn = logicalId(template, 'AWS::Lambda::Function', 'InboundFunction');

  it('writes raw mail to the inbound bucket under incoming/, then invokes the function as an event', () => {
    template.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'Test-inbound' });
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      RuleSetName: { Ref: logicalId(template, 'AWS::SES::ReceiptRuleSet', 'RuleSet') },
      Rule: {
        Enabled: true,
        ScanEnabled: true,
        TlsPolicy: 'Optional',
        Recipients: ['example.com', 'example.org'],
        Actions: [
          {
            S3Action: {
              BucketName: { Ref: logicalId(template, 'AWS::S3::Bucket', 'InboundBucket') },
              ObjectKeyPrefix: 'incoming/',
            },
          },
          { LambdaAction: { FunctionArn: { 'Fn::GetAtt': [inboundFn, 'Arn'] }, InvocationType: 'Event' } },
        ],
      },
    });
  });

  it('creates the rule only after SES may write the bucket', () => {
    const rule = Object.values(template.findResources('AWS::SES::ReceiptRule'))[0]!;
    expect(rule.DependsOn).toEqual(
      expect.arrayContaining([logicalId(template, 'AWS::S3::BucketPolicy', 'InboundBucket')]),
    );
  });

  it('covers every verified recipient when no recipients are given', () => {
    const { template: open } = synthesize();
    const rule = Object.values(open.findResources('AWS::SES::ReceiptRule'))[0]!;
    expect(rule.Properties.Rule.Recipients).toBeUndefined();
  });

  it('sizes the function for 40 MB messages and lets SES of this account invoke it', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 1769,
      Timeout: 300,
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [inboundFn, 'Arn'] },
      Principal: 'ses.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });

  it('tells the function its own timeout, which bounds the decision lease and synchronous rules', () => {
    const fn = template.toJSON().Resources[inboundFn];
    expect(fn.Properties.Environment.Variables.MAILWRIGHT_FUNCTION_TIMEOUT_SECONDS).toBe('300');
  });

  it('may read replaced content under message-flow/ but not write it (the API function writes it); writes only journal/', () => {
    const reads = grantsOf(template, 'InboundFunction', 's3:GetObject*').map((grant) => grant.resource);
    expect(reads).toEqual(expect.arrayContaining([expect.stringContaining('/message-flow/*')]));
    const puts = grantsOf(template, 'InboundFunction', 's3:PutObject').map((grant) => grant.resource);
    expect(puts.filter((resource) => resource.includes('InboundBucket'))).toEqual([
      expect.stringContaining('/journal/*'),
    ]);
  });

  it('may read flow rules (Directory) and write in-flight records and the ledger (Mailbox table)', () => {
    const directory = logicalId(template, 'AWS::DynamoDB::Table', 'DirectoryTable');
    const mailbox = logicalId(template, 'AWS::DynamoDB::Table', 'MailboxTable');
    const queries = grantsOf(template, 'InboundFunction', 'dynamodb:Query').map((grant) => grant.resource);
    expect(queries).toEqual(expect.arrayContaining([JSON.stringify({ 'Fn::GetAtt': [directory, 'Arn'] })]));
    const writes = grantsOf(template, 'InboundFunction', 'dynamodb:PutItem');
    expect(writes.map((grant) => grant.resource)).toContain(
      JSON.stringify({ 'Fn::GetAtt': [mailbox, 'Arn'] }),
    );
    const directoryWrites = writes.filter((grant) => grant.resource.includes(directory));
    expect(directoryWrites.map((grant) => grant.condition)).toEqual([
      { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['DEPLOYMENT#KEYS'] } },
      { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['JOURNAL#*'] } },
    ]);
  });

  it('retries twice and then sends the event to an encrypted, TLS-only dead-letter queue', () => {
    const queueId = logicalId(template, 'AWS::SQS::Queue', 'InboundDeadLetterQueue');
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('alarms on dead-letter depth and on function errors, notifying the alarm topic', () => {
    const topic = logicalId(template, 'AWS::SNS::Topic', 'AlarmTopic');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
      AlarmActions: [{ Ref: topic }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: inboundFn } }],
      AlarmActions: [{ Ref: topic }],
    });
  });

  it('may send bounces through SES from identities of this account and Region only', () => {
    const send = functionStatements(template, 'InboundFunction').find((statement) =>
      asArray(statement.Action as string | string[]).includes('ses:SendRawEmail'),
    );
    expect(JSON.stringify(send?.Resource)).toContain(':ses:eu-west-1:123456789012:identity/*');
  });

  it('may invoke only functions of this account and Region bound to an organization by tag', () => {
    const invoke = functionStatements(template, 'InboundFunction').filter((statement) =>
      asArray(statement.Action as string | string[]).includes('lambda:InvokeFunction'),
    );

    expect(invoke).toHaveLength(1);
    expect(JSON.stringify(invoke[0].Resource)).toContain(':lambda:eu-west-1:123456789012:function:*');
    expect(invoke[0].Condition).toEqual({ Null: { 'aws:ResourceTag/mailwright:organization': 'false' } });
  });

  it('may read the tags of those functions, to check which organization each serves', () => {
    const grants = grantsOf(template, 'InboundFunction', 'lambda:ListTags');

    expect(grants).toHaveLength(1);
    expect(grants[0].resource).toContain(':lambda:eu-west-1:123456789012:function:*');
  });
});

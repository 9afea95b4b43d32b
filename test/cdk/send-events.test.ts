import { Match } from 'aws-cdk-lib/assertions';
import { asArray, functionStatements, grantsOf, logicalId, synthesize } from './fixture';

describe('Construct: SendEvents', () => {
  const { template } = synthesize();
  const resources = template.toJSON().Resources;
  const configurationSet = logicalId(template, 'AWS::SES::ConfigurationSet', 'SendEvents');
  const topic = logicalId(template, 'AWS::SNS::Topic', 'SendEventsTopic');
  const fn = logicalId(template, 'AWS::Lambda::Function', 'SendEventsFunction');
  const queue = logicalId(template, 'AWS::SQS::Queue', 'SendEventsDeadLetterQueue');
  const operationsKey = logicalId(template, 'AWS::KMS::Key', 'OperationsKey');
  const configurationSetArn = {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':ses:eu-west-1:123456789012:configuration-set/',
        { Ref: configurationSet },
      ],
    ],
  };

  it('publishes deliveries, bounces, complaints and delivery delays of the configuration set to the topic, nothing else', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: configurationSet },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['delivery', 'bounce', 'complaint', 'deliveryDelay'],
        SnsDestination: { TopicARN: { Ref: topic } },
      },
    });
    expect(Object.keys(template.findResources('AWS::SES::ConfigurationSetEventDestination'))).toHaveLength(1);
  });

  it('encrypts the topic with the operations key and lets only SES publish, from this configuration set', () => {
    expect(resources[topic].Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [operationsKey, 'Arn'] });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topic }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sns:Publish',
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Condition: {
              StringEquals: { 'AWS:SourceAccount': '123456789012', 'AWS:SourceArn': configurationSetArn },
            },
          }),
        ]),
      },
    });
  });

  it('lets SES use the operations key only for this topic, from this configuration set', () => {
    const statements = resources[operationsKey].Properties.KeyPolicy.Statement as Record<string, unknown>[];
    const forSes = statements.filter(
      (statement) => JSON.stringify(statement.Principal) === JSON.stringify({ Service: 'ses.amazonaws.com' }),
    );

    expect(forSes).toEqual([
      {
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Resource: '*',
        Condition: {
          StringEquals: {
            'aws:SourceAccount': '123456789012',
            'aws:SourceArn': {
              'Fn::Join': [
                '',
                ['arn:aws:ses:eu-west-1:123456789012:configuration-set/', { Ref: configurationSet }],
              ],
            },
            'kms:EncryptionContext:aws:sns:topicArn': 'arn:aws:sns:eu-west-1:123456789012:Test-send-events',
          },
        },
      },
    ]);
    expect(resources[topic].Properties.TopicName).toBe('Test-send-events');
  });

  it('subscribes the function, which Lambda retries twice and then sends to an encrypted dead-letter queue', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: topic },
      Endpoint: { 'Fn::GetAtt': [fn, 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [fn, 'Arn'] },
      Principal: 'sns.amazonaws.com',
      SourceArn: { Ref: topic },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fn },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
    expect(resources[queue].Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [operationsKey, 'Arn'] });
  });

  it('reads the Directory and delivers into mailboxes, and may do nothing else', () => {
    const table = (hint: string) =>
      JSON.stringify({ 'Fn::GetAtt': [logicalId(template, 'AWS::DynamoDB::Table', hint), 'Arn'] });
    const on = (action: string) =>
      grantsOf(template, 'SendEventsFunction', action).map((grant) => grant.resource);
    const actions = functionStatements(template, 'SendEventsFunction').flatMap((statement) =>
      asArray(statement.Action as string | string[]),
    );

    expect(on('dynamodb:Query')).toEqual(
      expect.arrayContaining([table('DirectoryTable'), table('MailboxTable')]),
    );
    for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']) {
      expect(on(write)).toContain(table('MailboxTable'));
      expect(on(write)).not.toContain(table('DirectoryTable'));
      expect(on(write)).not.toContain(table('MailboxKeyTable'));
    }
    expect(on('s3:PutObject').length).toBeGreaterThan(0);
    expect(on('s3:PutObject').every((resource) => resource.includes('StoreBucket'))).toBe(true);
    expect(actions.filter((action) => /^(ses|sns|lambda|secretsmanager):/.test(action))).toEqual([]);
    expect(JSON.stringify(functionStatements(template, 'SendEventsFunction'))).not.toContain(
      'DEPLOYMENT#KEYS',
    );
  });

  it('alarms on the dead-letter queue and on function errors, and counts bounced recipients and complaints', () => {
    const alarmTopic = { Ref: logicalId(template, 'AWS::SNS::Topic', 'AlarmTopic') };
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      AlarmActions: [alarmTopic],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
      AlarmActions: [alarmTopic],
    });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message = "Outgoing email bounced" }',
      MetricTransformations: [
        { MetricNamespace: 'Mailwright', MetricName: 'OutgoingEmailBounced', MetricValue: '$.recipients' },
      ],
    });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message = "Outgoing email complaint" }',
      MetricTransformations: [
        { MetricNamespace: 'Mailwright', MetricName: 'OutgoingEmailComplaints', MetricValue: '1' },
      ],
    });
  });
});

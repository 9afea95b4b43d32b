import { Match } from 'aws-cdk-lib/assertions';
import { Journaling } from '../../lib/journaling';
import { grantsOf, logicalId, synthesize } from './fixture';

describe('Construct: Journaling', () => {
  const { template } = synthesize();
  const deliveryFn = logicalId(template, 'AWS::Lambda::Function', 'JournalingDeliveryFunction');
  const directory = JSON.stringify({
    'Fn::GetAtt': [logicalId(template, 'AWS::DynamoDB::Table', 'DirectoryTable'), 'Arn'],
  });
  const inboundBucket = logicalId(template, 'AWS::S3::Bucket', 'InboundBucket');
  const journalObjects = JSON.stringify({
    'Fn::Join': ['', [{ 'Fn::GetAtt': [inboundBucket, 'Arn'] }, '/journal/*']],
  });

  it('runs the delivery function every minute from an EventBridge rule', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [deliveryFn, 'Arn'] } })],
    });
  });

  it('sends failed runs to an encrypted dead-letter queue after two retries, and alarms on it and on errors', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: deliveryFn },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    const queue = logicalId(template, 'AWS::SQS::Queue', 'JournalingDeadLetterQueue');
    expect(template.toJSON().Resources[queue].Properties.KmsMasterKeyId).toBeDefined();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: deliveryFn } }],
    });
  });

  it('lets the delivery function claim and remove outbox records only, and read and delete only journal/ objects', () => {
    for (const action of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'])
      expect(grantsOf(template, 'JournalingDeliveryFunction', action)).toEqual([
        {
          resource: directory,
          condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['JOURNAL#*'] } },
        },
      ]);
    expect(
      grantsOf(template, 'JournalingDeliveryFunction', 'dynamodb:PutItem').map((grant) => grant.condition),
    ).toEqual([{ 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['DEPLOYMENT#KEYS'] } }]);
    expect(
      grantsOf(template, 'JournalingDeliveryFunction', 's3:DeleteObject*').map((grant) => grant.resource),
    ).toEqual([journalObjects]);
    expect(grantsOf(template, 'JournalingDeliveryFunction', 'ses:SendRawEmail')).not.toEqual([]);
  });

  it('lets the inbound and JMAP functions add outbox records and journal/ objects, but not delete them', () => {
    for (const hint of ['InboundFunction', 'JmapFunction']) {
      expect(grantsOf(template, hint, 'dynamodb:PutItem')).toContainEqual({
        resource: directory,
        condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['JOURNAL#*'] } },
      });
      expect(grantsOf(template, hint, 's3:PutObject').map((grant) => grant.resource)).toContain(
        journalObjects,
      );
      expect(grantsOf(template, hint, 's3:DeleteObject*').map((grant) => grant.resource)).not.toContain(
        journalObjects,
      );
    }
  });

  it('refuses a delivery interval outside 1 to 60 minutes', () => {
    expect(() => synthesizeWithInterval(0)).toThrow(/deliveryIntervalMinutes/);
  });
});

function synthesizeWithInterval(minutes: number): Journaling {
  // The stack uses the default; the construct's own check is exercised on a second instance.
  const { stack } = synthesize();
  return new Journaling(stack, 'Another', {
    storage: stack.storage,
    observability: stack.observability,
    environment: {},
    recorders: [],
    deliveryIntervalMinutes: minutes,
  });
}

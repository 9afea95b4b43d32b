import { App, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MailwrightStack } from '../../lib/mailwright-stack';
import { CDK_JSON_CONTEXT, grantsOf, logicalId, synthesize, TEST_ENV } from './fixture';

describe('Construct: MailboxExport', () => {
  const { template, stack } = synthesize();
  const workerId = logicalId(template, 'AWS::Lambda::Function', 'MailboxExportFunction');
  const worker = template.toJSON().Resources[workerId];
  const apiId = logicalId(template, 'AWS::Lambda::Function', 'AdminApiFunction');
  const api = template.toJSON().Resources[apiId];
  const json = (value: unknown) => JSON.stringify(value);
  const table = (hint: string) =>
    json({ 'Fn::GetAtt': [logicalId(template, 'AWS::DynamoDB::Table', hint), 'Arn'] });

  it('runs the worker for at most 15 minutes under a fixed name the API is configured with', () => {
    expect(worker.Properties).toMatchObject({ Timeout: 900, Runtime: 'nodejs22.x' });
    expect(worker.Properties.FunctionName).toBe(stack.mailboxExport.functionName);
    expect(api.Properties.Environment.Variables.MAILWRIGHT_EXPORT_WORKER_FUNCTION).toBe(
      stack.mailboxExport.functionName,
    );
  });

  it('lets the API invoke the worker, and the worker invoke only itself', () => {
    expect(
      grantsOf(template, 'AdminApiFunction', 'lambda:InvokeFunction').map((grant) => grant.resource),
    ).toContain(json({ 'Fn::GetAtt': [workerId, 'Arn'] }));
    const own = grantsOf(template, 'MailboxExportFunction', 'lambda:InvokeFunction').map(
      (grant) => grant.resource,
    );
    expect(own).toHaveLength(1);
    expect(own[0]).toContain(`:function:${stack.mailboxExport.functionName}`);
  });

  it('lets the worker assume roles of this account only, read mailboxes and store imports, never write keys', () => {
    const assumable = grantsOf(template, 'MailboxExportFunction', 'sts:AssumeRole').map(
      (grant) => grant.resource,
    );
    expect(assumable).toEqual([
      json({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:role/*']] }),
    ]);
    expect(
      grantsOf(template, 'MailboxExportFunction', 'dynamodb:Query').map((grant) => grant.resource),
    ).toEqual(expect.arrayContaining([table('MailboxTable'), table('DirectoryTable')]));
    const writes = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ];
    for (const action of writes) {
      const resources = grantsOf(template, 'MailboxExportFunction', action).map((grant) => grant.resource);
      expect(resources).not.toContain(table('MailboxKeyTable'));
    }
  });

  it('retries failed runs twice, then sends them to a dead-letter queue with an alarm, and resumes stalled jobs', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: workerId },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(30 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [workerId, 'Arn'] } })],
    });
    const queue = logicalId(template, 'AWS::SQS::Queue', 'MailboxExportDeadLetterQueue');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
    });
  });

  it('lets the worker assume exactly the role patterns the deployment names, cdk-nag clean', () => {
    const roles = ['arn:aws:iam::444455556666:role/MailExport*'];
    const named = synthesize({ exportRoleArns: roles }).template;
    const app = new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
    new MailwrightStack(app, 'Nagged', { env: TEST_ENV, exportRoleArns: roles });

    expect(grantsOf(named, 'MailboxExportFunction', 'sts:AssumeRole').map((grant) => grant.resource)).toEqual(
      [json(roles[0])],
    );
    expect(() => app.synth()).not.toThrow();
  });
});

import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MailwrightStack, type MailwrightStackProps } from '../../lib/mailwright-stack';
import { CDK_JSON_CONTEXT, TEST_ENV, logicalId, synthesize } from './fixture';

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };

/** The stack with every optional part on: IMAP/submission (VPC, ECS, custom resource), both APIs. */
const FULL: MailwrightStackProps = {
  mailAccess: {
    hostName: 'mail.example.com',
    imapPort: 143,
    imapTlsPort: 993,
    submissionPort: 587,
    submissionTlsPort: 465,
    tlsSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:mail-tls-AbCdEf',
  },
};

describe('Construct: Observability and Monitoring', () => {
  const { template } = synthesize(FULL);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const logsKey = logicalId(template, 'AWS::KMS::Key', 'LogsKey');
  const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);

  it('gives every log group a retention and the logs key', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(15);
    for (const [id, group] of groups) {
      expect({ id, retention: group.Properties.RetentionInDays }).toEqual({ id, retention: 90 });
      expect({ id, key: group.Properties.KmsKeyId }).toEqual({ id, key: { 'Fn::GetAtt': [logsKey, 'Arn'] } });
    }
  });

  it('leaves no function to a log group Lambda would create itself', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.map(([id]) => id)).toContainEqual(expect.stringContaining('VpcRestrictDefaultSG'));
    const groups = new Set(ofType('AWS::Logs::LogGroup').map(([id]) => id));
    for (const [id, fn] of functions) {
      const logGroup = (fn.Properties.LoggingConfig as { LogGroup?: { Ref: string } } | undefined)?.LogGroup;
      expect({ id, owned: logGroup !== undefined && groups.has(logGroup.Ref) }).toEqual({ id, owned: true });
    }
  });

  it('creates each API stage’s execution log group, by the name API Gateway writes to, before the stage', () => {
    for (const api of ['AdminApi', 'UserApi']) {
      const restApi = logicalId(template, 'AWS::ApiGateway::RestApi', api);
      const group = logicalId(template, 'AWS::Logs::LogGroup', `${api}ApiExecutionLogs`);
      expect(resources[group].Properties.LogGroupName).toEqual({
        'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: restApi }, '/v1']],
      });
      const stage = ofType('AWS::ApiGateway::Stage').find(
        ([, resource]) => (resource.Properties.RestApiId as { Ref: string }).Ref === restApi,
      )!;
      expect(stage[1].DependsOn).toContain(group);
    }
  });

  it('lets only CloudWatch Logs of this Region use the logs key, for log groups of this account', () => {
    const policy = resources[logsKey].Properties.KeyPolicy as { Statement: Record<string, unknown>[] };
    const services = policy.Statement.filter((statement) => statement.Sid === 'CloudWatchLogsOfThisAccount');
    expect(services).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
        Action: ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
        Condition: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:123456789012:log-group:*',
          },
        },
      }),
    ]);
    const others = policy.Statement.filter((statement) => statement !== services[0]);
    expect(others.map((statement) => statement.Principal)).toEqual([
      { AWS: 'arn:aws:iam::123456789012:root' },
    ]);
    expect(resources[logsKey].Properties.EnableKeyRotation).toBe(true);
  });

  it('alarms when 5 % of outside recipients bounced in an hour, from 20 recipients, on the deployment totals', () => {
    const alarm = alarms.find((properties) => String(properties.AlarmDescription).includes('bounced'))!;
    expect(alarm).toMatchObject({ Threshold: 5, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    const queries = alarm.Metrics as Array<{ Expression?: string; MetricStat?: unknown }>;
    expect(queries.find((query) => query.Expression)).toMatchObject({
      Expression: 'IF(sent + bounced >= 20, 100 * bounced / (sent + bounced), 0)',
      ReturnData: true,
    });
    const stats = queries.filter((query) => query.MetricStat).map((query) => query.MetricStat);
    expect(stats).toEqual(
      expect.arrayContaining([
        { Metric: { Namespace: 'WorkMail', MetricName: 'OutgoingEmailSent' }, Period: 3600, Stat: 'Sum' },
        { Metric: { Namespace: 'WorkMail', MetricName: 'OutgoingEmailBounced' }, Period: 3600, Stat: 'Sum' },
      ]),
    );
  });

  it('alarms on 100 failed sign-ins in 5 minutes', () => {
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: 'WorkMail',
        MetricName: 'AuthenticationFailure',
        Statistic: 'Sum',
        Period: 300,
        Threshold: 100,
      }),
    );
  });

  it('alarms on the depth of every dead-letter queue', () => {
    const queues = ofType('AWS::SQS::Queue').map(([id]) => id);
    expect(queues.length).toBeGreaterThanOrEqual(6);
    for (const queue of queues) {
      const watching = alarms.filter(
        (alarm) =>
          alarm.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          JSON.stringify(alarm.Dimensions).includes(queue),
      );
      expect({ queue, alarms: watching.length }).toEqual({ queue, alarms: 1 });
    }
  });

  it('counts the ERROR lines of every function', () => {
    const filters = ofType('AWS::Logs::MetricFilter').filter(([id]) => id.includes('LoggedErrors'));
    const functionGroups = ofType('AWS::Lambda::Function')
      .filter(([id]) => !id.includes('VpcRestrictDefaultSG'))
      .map(([, fn]) => JSON.stringify((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup));
    expect(filters.map(([, filter]) => JSON.stringify(filter.Properties.LogGroupName)).sort()).toEqual(
      functionGroups.sort(),
    );
    expect(filters[0][1].Properties).toMatchObject({
      FilterPattern: '{ $.level = "ERROR" }',
      MetricTransformations: [
        { MetricNamespace: 'Mailwright', MetricName: 'LoggedErrors', MetricValue: '1' },
      ],
    });
  });

  it('has one dashboard with the nine metrics, the dead-letter queues, function errors and throttles, API 4xx and 5xx', () => {
    const dashboards = ofType('AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0][1].Properties.DashboardName).toBe('Test-eu-west-1');
    // The body is JSON joined with tokens (names of queues, functions, the Region): tokens become plain strings.
    const {
      'Fn::Join': [, parts],
    } = dashboards[0][1].Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
    const body = JSON.parse(parts.map((part) => (typeof part === 'string' ? part : 'token')).join('')) as {
      widgets: Array<{ properties: { title: string; metrics: unknown[][] } }>;
    };
    const graphed = new Set(
      body.widgets.flatMap((widget) =>
        widget.properties.metrics.map((metric) => `${metric[0]} ${metric[1]}`),
      ),
    );
    for (const metric of [
      'OrganizationEmailReceived',
      'MailboxEmailDelivered',
      'IncomingEmailBounced',
      'OutgoingEmailBounced',
      'OutgoingEmailSent',
      'AuthenticationFailure',
      'AccessDenied',
      'ActionDenied',
      'AvailabilityProviderFailure',
    ].map((name) => `WorkMail ${name}`))
      expect(graphed).toContain(metric);
    for (const metric of [
      'AWS/SQS ApproximateNumberOfMessagesVisible',
      'AWS/Lambda Errors',
      'AWS/Lambda Throttles',
      'AWS/ApiGateway 4XXError',
      'AWS/ApiGateway 5XXError',
      'Mailwright LoggedErrors',
    ])
      expect(graphed).toContain(metric);
    const dlqGraph = body.widgets.find((widget) => widget.properties.title.startsWith('Dead-letter'))!;
    expect(dlqGraph.properties.metrics).toHaveLength(ofType('AWS::SQS::Queue').length);
  });

  it('hands the functions and the mail access container the metrics namespace', () => {
    // CDK's own custom resource functions (the default security group's, the web app upload) are not Mailwright's.
    const cdkOwn = (id: string) => id.includes('VpcRestrict') || id.startsWith('CustomCDKBucketDeployment');
    for (const [id, fn] of ofType('AWS::Lambda::Function').filter(([id]) => !cdkOwn(id))) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect({ id, namespace: variables.MAILWRIGHT_METRICS_NAMESPACE }).toEqual({
        id,
        namespace: 'WorkMail',
      });
    }
    const [[, task]] = ofType('AWS::ECS::TaskDefinition');
    const [container] = task.Properties.ContainerDefinitions as Array<{ Environment: unknown[] }>;
    expect(container.Environment).toContainEqual({ Name: 'MAILWRIGHT_METRICS_NAMESPACE', Value: 'WorkMail' });
  });

  it('takes the namespace and the alarm thresholds as props, and refuses an AWS/ namespace', () => {
    const { template: custom } = synthesize({
      metricsNamespace: 'Mail/Prod',
      bounceRateAlarmPercent: 2,
      authenticationFailuresPer5Minutes: 30,
    });
    const customAlarms = Object.values(custom.findResources('AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties as Record<string, unknown>,
    );
    expect(customAlarms).toContainEqual(
      expect.objectContaining({ Namespace: 'Mail/Prod', MetricName: 'AuthenticationFailure', Threshold: 30 }),
    );
    expect(customAlarms).toContainEqual(
      expect.objectContaining({ AlarmDescription: expect.stringContaining('2 %'), Threshold: 2 }),
    );
    const fn = Object.values(custom.findResources('AWS::Lambda::Function'))[0];
    expect(fn.Properties.Environment.Variables.MAILWRIGHT_METRICS_NAMESPACE).toBe('Mail/Prod');
    expect(() => synthesize({ metricsNamespace: 'AWS/WorkMail' })).toThrow(
      "MailwrightStack 'Test': metricsNamespace 'AWS/WorkMail': namespaces starting with AWS/ are reserved for AWS services",
    );
    expect(() => synthesize({ bounceRateAlarmPercent: 0 })).toThrow('bounceRateAlarmPercent must be above 0');
    expect(() => synthesize({ authenticationFailuresPer5Minutes: 2.5 })).toThrow(
      'authenticationFailuresPer5Minutes must be a whole number from 1',
    );
  });

  it('reports no unacknowledged cdk-nag AwsSolutions finding with every part on', () => {
    const app = new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
    new MailwrightStack(app, 'Test', { env: TEST_ENV, ...FULL });
    expect(() => app.synth()).not.toThrow();
  });
});

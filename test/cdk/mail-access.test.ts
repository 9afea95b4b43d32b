import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MailwrightStack, type MailwrightStackProps } from '../../lib/mailwright-stack';
import { CDK_JSON_CONTEXT, TEST_ENV, asArray, synthesize } from './fixture';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:mail-tls-AbCdEf';
const MAIL_ACCESS = {
  hostName: 'mail.example.com',
  imapPort: 143,
  imapTlsPort: 993,
  submissionPort: 587,
  submissionTlsPort: 465,
};
type Resource = { Type: string; Properties: Record<string, unknown> };

/** Statements of the policies attached to the role whose logical ID contains `hint`. */
function roleStatements(template: Template, hint: string): Record<string, unknown>[] {
  const roles = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) => id.includes(hint));
  expect(roles).toHaveLength(1);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === roles[0]))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]);
}

describe('Construct: MailAccess', () => {
  const { template } = synthesize({ mailAccess: { ...MAIL_ACCESS, tlsSecretArn: SECRET_ARN } });
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const ofType = (type: string) => Object.values(resources).filter((resource) => resource.Type === type);

  it('is absent without mailAccess, and without a TLS secret (settings only published)', () => {
    for (const props of [{}, { mailAccess: MAIL_ACCESS }] as MailwrightStackProps[]) {
      const other = synthesize(props).template;
      other.resourceCountIs('AWS::ECS::Service', 0);
      other.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 0);
      other.resourceCountIs('AWS::EC2::VPC', 0);
    }
  });

  it('runs an arm64 Linux Fargate task whose TLS key and certificate come from the secret', () => {
    const [task] = ofType('AWS::ECS::TaskDefinition');
    expect(task!.Properties).toMatchObject({
      RequiresCompatibilities: ['FARGATE'],
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
    });
    const [container] = task!.Properties.ContainerDefinitions as Record<string, unknown>[];
    expect(container!.Secrets).toEqual([
      { Name: 'MAILWRIGHT_TLS_KEY', ValueFrom: `${SECRET_ARN}:key::` },
      { Name: 'MAILWRIGHT_TLS_CERT', ValueFrom: `${SECRET_ARN}:cert::` },
    ]);
    expect(container!.ReadonlyRootFilesystem).toBe(true);
    expect(JSON.stringify(container!.Environment)).not.toMatch(/PRIVATE KEY/);
    const environment = Object.fromEntries(
      (container!.Environment as { Name: string; Value: unknown }[]).map(({ Name, Value }) => [Name, Value]),
    );
    expect(JSON.parse(environment.MAILWRIGHT_MAIL_ACCESS as string)).toEqual(MAIL_ACCESS);
  });

  it('turns on Container Insights', () => {
    const [cluster] = ofType('AWS::ECS::Cluster');
    expect(cluster!.Properties.ClusterSettings).toEqual([{ Name: 'containerInsights', Value: 'enabled' }]);
  });

  it('listens on 143, 993, 587 and 465 with TCP pass-through to the container ports', () => {
    const listeners = ofType('AWS::ElasticLoadBalancingV2::Listener').map((listener) => listener.Properties);
    expect(listeners.map((listener) => [listener.Port, listener.Protocol]).sort()).toEqual(
      [
        [143, 'TCP'],
        [465, 'TCP'],
        [587, 'TCP'],
        [993, 'TCP'],
      ].sort(),
    );
    const groups = ofType('AWS::ElasticLoadBalancingV2::TargetGroup').map((group) => group.Properties);
    expect(groups.map((group) => group.Port).sort()).toEqual([1143, 1465, 1587, 1993]);
    for (const group of groups) {
      expect(group).toMatchObject({ Protocol: 'TCP', TargetType: 'ip', HealthCheckProtocol: 'TCP' });
      expect(group.TargetGroupAttributes).toEqual(
        expect.arrayContaining([
          { Key: 'preserve_client_ip.enabled', Value: 'true' },
          { Key: 'deregistration_delay.timeout_seconds', Value: '120' },
        ]),
      );
    }
  });

  it('keeps silent IMAP connections open past the 29-minute IDLE re-issue', () => {
    const imap = ofType('AWS::ElasticLoadBalancingV2::Listener')
      .map((listener) => listener.Properties)
      .filter((listener) => listener.Port === 143 || listener.Port === 993);
    for (const listener of imap)
      expect(listener.ListenerAttributes).toEqual([{ Key: 'tcp.idle_timeout.seconds', Value: '1860' }]);
  });

  it('scales on CPU and on open IMAP connections per task', () => {
    const policies = ofType('AWS::ApplicationAutoScaling::ScalingPolicy').map(
      (policy) => policy.Properties.TargetTrackingScalingPolicyConfiguration as Record<string, unknown>,
    );
    expect(policies).toHaveLength(2);
    expect(policies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        }),
        expect.objectContaining({
          CustomizedMetricSpecification: expect.objectContaining({
            Namespace: 'Mailwright',
            MetricName: 'ImapConnections',
            Statistic: 'Average',
          }),
          TargetValue: 2000,
        }),
      ]),
    );
    const [target] = ofType('AWS::ApplicationAutoScaling::ScalableTarget');
    expect(target!.Properties).toMatchObject({ MinCapacity: 1, MaxCapacity: 4 });
  });

  it('lets clients reach the load balancer on the mail ports only, and the tasks only from it', () => {
    const ingress = (group: string) =>
      ofType('AWS::EC2::SecurityGroup').filter((resource) =>
        String(resource.Properties.GroupDescription).includes(group),
      )[0]!.Properties;
    const balancer = ingress('load balancer');
    expect(
      (balancer.SecurityGroupIngress as { CidrIp: string; FromPort: number; ToPort: number }[])
        .map((rule) => [rule.CidrIp, rule.FromPort, rule.ToPort])
        .sort(),
    ).toEqual([
      ['0.0.0.0/0', 143, 143],
      ['0.0.0.0/0', 465, 465],
      ['0.0.0.0/0', 587, 587],
      ['0.0.0.0/0', 993, 993],
    ]);
    const tasks = ingress('tasks');
    expect(tasks.SecurityGroupIngress).toBeUndefined();
    expect(tasks.SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
    ]);
    const taskIngress = ofType('AWS::EC2::SecurityGroupIngress').map((rule) => rule.Properties);
    expect(taskIngress.map((rule) => rule.FromPort).sort()).toEqual([1143, 1465, 1587, 1993]);
    for (const rule of taskIngress) expect(rule.SourceSecurityGroupId).toBeDefined();
  });

  it('gives the task role what the JMAP function has, and no wildcard resource', () => {
    const statements = roleStatements(template, 'TaskDefinitionTaskRole');
    const actions = statements.flatMap((statement) => asArray(statement.Action as string | string[]));
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:Query', 's3:PutObject', 'kms:Decrypt', 'ses:SendRawEmail']),
    );
    expect(actions).not.toContain('dynamodb:DeleteTable');
    for (const statement of statements) expect(asArray(statement.Resource)).not.toContain('*');
  });

  it('lets the execution role read only the TLS secret, and use a wildcard only for the ECR token', () => {
    const statements = roleStatements(template, 'TaskDefinitionExecutionRole');
    const secretReads = statements.filter((statement) =>
      asArray(statement.Action as string | string[]).includes('secretsmanager:GetSecretValue'),
    );
    expect(secretReads.map((statement) => statement.Resource)).toEqual([SECRET_ARN]);
    const wildcards = statements.filter((statement) => asArray(statement.Resource).includes('*'));
    expect(wildcards.map((statement) => statement.Action)).toEqual(['ecr:GetAuthorizationToken']);
  });

  it('keeps its logs for the stack retention and alarms on errors and unhealthy tasks', () => {
    const [task] = ofType('AWS::ECS::TaskDefinition');
    const [container] = task!.Properties.ContainerDefinitions as {
      LogConfiguration: { LogDriver: string; Options: Record<string, { Ref?: string }> };
    }[];
    expect(container!.LogConfiguration.LogDriver).toBe('awslogs');
    const logGroup = container!.LogConfiguration.Options['awslogs-group']!.Ref!;
    expect(logGroup).toContain('MailAccessLogs');
    expect(resources[logGroup]!.Properties.RetentionInDays).toBe(90);
    const alarms = Object.keys(template.findResources('AWS::CloudWatch::Alarm')).filter((id) =>
      id.startsWith('MailAccess'),
    );
    expect(alarms.length).toBe(5);
  });

  it('creates a VPC without NAT gateways, with DynamoDB and S3 gateway endpoints and rejected-flow logs', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    const endpoints = ofType('AWS::EC2::VPCEndpoint').map((endpoint) =>
      JSON.stringify(endpoint.Properties.ServiceName),
    );
    expect(endpoints).toEqual([expect.stringContaining('dynamodb'), expect.stringContaining('s3')]);
    const [flowLog] = ofType('AWS::EC2::FlowLog');
    expect(flowLog!.Properties.TrafficType).toBe('REJECT');
  });

  it('reports no unacknowledged cdk-nag AwsSolutions finding', () => {
    const app = new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
    new MailwrightStack(app, 'Test', {
      env: TEST_ENV,
      mailAccess: { ...MAIL_ACCESS, tlsSecretArn: SECRET_ARN },
    });
    expect(() => app.synth()).not.toThrow();
  });
});

import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, IgnoreMode, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { MailAccessSettings } from '../lambdas/core/autoconfig';
import { CONFIG_ENV } from '../lambdas/handlers/config';
import {
  MAIL_ACCESS_CONTAINER_PORTS,
  MAIL_ACCESS_ENV,
  MAIL_ACCESS_METRIC,
} from '../lambdas/handlers/mail-access-config';
import type { FlowRuleTargets } from './flow-rules';
import { acknowledgeMailAccessFindings } from './mail-access-nag';
import type { Observability } from './observability';
import { grantSendRawMail } from './ses-grants';
import type { Storage } from './storage';
import { grantWriteEmailEvents } from './email-event-grants';
import { grantWriteAuditLogs } from './audit-log-grants';

/** The repository root: the image's build context (filtered by `.dockerignore`). */
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Properties of {@link MailAccess}. */
export interface MailAccessProps {
  readonly storage: Storage;
  readonly observability: Observability;
  /** The functions outbound Run Lambda rules may invoke (the same as the JMAP function's). */
  readonly flowRuleTargets: FlowRuleTargets;
  /** Configuration of the container (what `loadConfig()` reads), `MAILWRIGHT_MAIL_ACCESS` included. */
  readonly environment: Readonly<Record<string, string>>;
  /** Where clients reach the service: the listener ports and the host name the certificate names. */
  readonly settings: MailAccessSettings;
  /**
   * Complete ARN of a Secrets Manager secret holding `{"key": "<PEM private key>", "cert": "<PEM chain>"}` for
   * `settings.hostName`. The tasks terminate TLS on all four ports with it (STARTTLS cannot be terminated by the load
   * balancer); a new value takes effect when the service is redeployed.
   */
  readonly tlsSecretArn: string;
  /** The SES configuration set users' outside mail goes out through. @default - none */
  readonly configurationSet?: ses.IConfigurationSet;
  /**
   * The VPC: the load balancer goes in its public subnets, the tasks in its private subnets with egress.
   * @default - a new VPC over 2 Availability Zones with public subnets only (no NAT gateway): tasks get public IPs
   * for AWS APIs, DynamoDB and S3 traffic stays on free gateway endpoints, and security groups admit only the load
   * balancer
   */
  readonly vpc?: ec2.IVpc;
  /** @default 1 */
  readonly minTasks?: number;
  /** @default 4 */
  readonly maxTasks?: number;
  /** Task size. @default 512 (0.5 vCPU) */
  readonly cpu?: number;
  /** @default 1024 */
  readonly memoryMiB?: number;
  /** Open IMAP connections per task the service scales to. @default 2000 */
  readonly connectionsPerTask?: number;
  /** How long a task being replaced keeps its connections before it is stopped. @default Duration.seconds(120) */
  readonly drainTime?: Duration;
}

/** The published port, its container port, and the name used in construct IDs. */
interface Port {
  readonly name: 'Imap' | 'ImapTls' | 'Submission' | 'SubmissionTls';
  readonly published: number;
  readonly container: number;
}

/**
 * IMAP and SMTP submission for mail apps: the container of `lambdas/handlers/mail-access.ts` on ECS Fargate (arm64)
 * behind an internet-facing Network Load Balancer that passes TCP through on 143, 993, 587 and 465 (client
 * addresses preserved, so sign-in throttling sees them), scaling on CPU and on open IMAP connections per task.
 * @example
 * new MailAccess(this, 'MailAccess', { storage, observability, flowRuleTargets, environment, settings, tlsSecretArn });
 */
export class MailAccess extends Construct {
  readonly service: ecs.FargateService;
  readonly loadBalancer: elbv2.NetworkLoadBalancer;

  constructor(scope: Construct, id: string, props: MailAccessProps) {
    super(scope, id);
    const { storage, observability, settings } = props;
    const ports: Port[] = [
      { name: 'Imap', published: settings.imapPort, container: MAIL_ACCESS_CONTAINER_PORTS.imap },
      { name: 'ImapTls', published: settings.imapTlsPort, container: MAIL_ACCESS_CONTAINER_PORTS.imapTls },
      {
        name: 'Submission',
        published: settings.submissionPort,
        container: MAIL_ACCESS_CONTAINER_PORTS.submission,
      },
      {
        name: 'SubmissionTls',
        published: settings.submissionTlsPort,
        container: MAIL_ACCESS_CONTAINER_PORTS.submissionTls,
      },
    ];
    const ownVpc = props.vpc === undefined;
    const vpc = props.vpc ?? this.defaultVpc(observability);

    const loadBalancerGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc,
      description: 'Mailwright mail access load balancer: IMAP and submission from anywhere',
      allowAllOutbound: false,
    });
    const taskGroup = new ec2.SecurityGroup(this, 'TaskSecurityGroup', {
      vpc,
      description: 'Mailwright mail access tasks: the load balancer in, HTTPS to AWS out',
      allowAllOutbound: false,
    });
    taskGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs');
    for (const port of ports) {
      loadBalancerGroup.addIngressRule(
        ec2.Peer.anyIpv4(),
        ec2.Port.tcp(port.published),
        `${port.name} clients`,
      );
      loadBalancerGroup.addEgressRule(taskGroup, ec2.Port.tcp(port.container), `${port.name} to tasks`);
      taskGroup.addIngressRule(loadBalancerGroup, ec2.Port.tcp(port.container), `${port.name} from the NLB`);
    }

    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: props.cpu ?? 512,
      memoryLimitMiB: props.memoryMiB ?? 1024,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.ARM64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    const tlsSecret = secretsmanager.Secret.fromSecretCompleteArn(this, 'TlsSecret', props.tlsSecretArn);
    const logGroup = observability.logGroup('MailAccessLogs');
    taskDefinition.addContainer('Server', {
      image: ecs.ContainerImage.fromAsset(PROJECT_ROOT, {
        file: 'docker/mail-access.Dockerfile',
        platform: Platform.LINUX_ARM64,
        ignoreMode: IgnoreMode.DOCKER,
      }),
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'mail-access', logGroup }),
      environment: {
        ...props.environment,
        ...(props.configurationSet
          ? { [CONFIG_ENV.sesConfigurationSet]: props.configurationSet.configurationSetName }
          : {}),
        POWERTOOLS_SERVICE_NAME: 'mailwright-mail-access',
      },
      secrets: {
        [MAIL_ACCESS_ENV.tlsKey]: ecs.Secret.fromSecretsManager(tlsSecret, 'key'),
        [MAIL_ACCESS_ENV.tlsCert]: ecs.Secret.fromSecretsManager(tlsSecret, 'cert'),
      },
      portMappings: ports.map((port) => ({ containerPort: port.container, protocol: ecs.Protocol.TCP })),
      readonlyRootFilesystem: true,
      // SIGTERM comes after the load balancer has drained the task; then IMAP sessions get a BYE and submissions in
      // progress finish (smtp-server closes the rest after 30 s).
      stopTimeout: Duration.seconds(60),
    });
    const taskRole = taskDefinition.taskRole;
    storage.grantMailAccess(taskRole);
    storage.grantSendMail(taskRole);
    grantWriteEmailEvents(this, taskRole);
    grantWriteAuditLogs(this, taskRole);
    props.flowRuleTargets.grantInvoke(taskRole);
    grantSendRawMail(this, taskRole, props.configurationSet);

    const service = new ecs.FargateService(this, 'Service', {
      cluster,
      taskDefinition,
      desiredCount: props.minTasks ?? 1,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      securityGroups: [taskGroup],
      assignPublicIp: ownVpc,
      vpcSubnets: { subnetType: ownVpc ? ec2.SubnetType.PUBLIC : ec2.SubnetType.PRIVATE_WITH_EGRESS },
      healthCheckGracePeriod: Duration.seconds(60),
    });
    this.service = service;

    const loadBalancer = new elbv2.NetworkLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroups: [loadBalancerGroup],
      crossZoneEnabled: true,
    });
    this.loadBalancer = loadBalancer;
    const drainTime = props.drainTime ?? Duration.seconds(120);
    for (const port of ports) {
      const imap = port.name.startsWith('Imap');
      const listener = loadBalancer.addListener(`${port.name}Listener`, {
        port: port.published,
        protocol: elbv2.Protocol.TCP,
        // IMAP IDLE sessions are silent up to 29 minutes (RFC 9051 §6.3.13); the server ends them after 30.
        ...(imap ? { tcpIdleTimeout: Duration.minutes(31) } : {}),
      });
      const targets = listener.addTargets(`${port.name}Targets`, {
        port: port.container,
        protocol: elbv2.Protocol.TCP,
        targets: [service.loadBalancerTarget({ containerName: 'Server', containerPort: port.container })],
        preserveClientIp: true,
        deregistrationDelay: drainTime,
        healthCheck: {
          protocol: elbv2.Protocol.TCP,
          interval: Duration.seconds(10),
          healthyThresholdCount: 2,
          unhealthyThresholdCount: 2,
        },
      });
      observability.alarmAtLeast(
        this,
        `${port.name}UnhealthyAlarm`,
        targets.metrics.unHealthyHostCount({ period: Duration.minutes(5), statistic: 'Maximum' }),
        `A mail access task fails its ${port.name} health check`,
      );
    }

    this.scale(service, props);
    const errors = new logs.MetricFilter(this, 'ErrorsFilter', {
      logGroup,
      filterPattern: logs.FilterPattern.stringValue('$.level', '=', 'ERROR'),
      metricNamespace: MAIL_ACCESS_METRIC.namespace,
      metricName: 'MailAccessErrors',
      metricValue: '1',
    });
    observability.alarmAtLeast(
      this,
      'ErrorsAlarm',
      errors.metric({ period: Duration.minutes(5), statistic: 'Sum' }),
      'The mail access service logged an error (a sign-in or submission failed on our side)',
    );
    acknowledgeMailAccessFindings({ taskDefinition, loadBalancer, loadBalancerGroup });
    new CfnOutput(Stack.of(this), 'MailAccessLoadBalancerDns', {
      description: `Point ${settings.hostName} at this name (CNAME, or an alias record)`,
      value: loadBalancer.loadBalancerDnsName,
    });
  }

  /** Scales between the task bounds on CPU and on open IMAP connections per task (the container's metric). */
  private scale(service: ecs.FargateService, props: MailAccessProps): void {
    const count = service.autoScaleTaskCount({
      minCapacity: props.minTasks ?? 1,
      maxCapacity: props.maxTasks ?? 4,
    });
    count.scaleOnCpuUtilization('CpuScaling', {
      targetUtilizationPercent: 60,
      scaleOutCooldown: Duration.minutes(1),
      scaleInCooldown: Duration.minutes(10),
    });
    count.scaleToTrackCustomMetric('ConnectionScaling', {
      metric: new cloudwatch.Metric({
        namespace: MAIL_ACCESS_METRIC.namespace,
        metricName: MAIL_ACCESS_METRIC.name,
        dimensionsMap: { ...MAIL_ACCESS_METRIC.dimensions },
        statistic: 'Average',
        period: Duration.minutes(1),
      }),
      targetValue: props.connectionsPerTask ?? 2000,
      scaleOutCooldown: Duration.minutes(1),
      // Scaling in ends the sessions of the task it stops (they reconnect), so it waits longer.
      scaleInCooldown: Duration.minutes(10),
    });
  }

  /** Public subnets only in 2 AZs, no NAT gateway; DynamoDB and S3 through gateway endpoints; rejected flows logged. */
  private defaultVpc(observability: Observability): ec2.IVpc {
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }],
      gatewayEndpoints: {
        DynamoDb: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
      },
    });
    vpc.addFlowLog('RejectedFlows', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(observability.logGroup('MailAccessFlowLogs')),
      trafficType: ec2.FlowLogTrafficType.REJECT,
    });
    return vpc;
  }
}

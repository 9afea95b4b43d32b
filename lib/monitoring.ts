import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULT_METRICS_NAMESPACE, type WorkMailMetricName } from '../lambdas/core/metrics';
import type { Observability } from './observability';

/** Namespace of Mailwright's own operational metrics (not WorkMail's nine). */
export const OPERATIONS_METRICS_NAMESPACE = 'Mailwright';
/** Below this many outside recipients in an hour, the bounce rate says too little to alarm on. */
export const BOUNCE_RATE_MINIMUM_RECIPIENTS = 20;

/** Properties of {@link Monitoring}. */
export interface MonitoringProps {
  readonly observability: Observability;
  /** Namespace the functions write WorkMail's metrics to. @default DEFAULT_METRICS_NAMESPACE ('WorkMail') */
  readonly metricsNamespace?: string;
  /**
   * Alarm when this share (percent) of outside recipients or more bounced in an hour (OutgoingEmailBounced over
   * OutgoingEmailSent + OutgoingEmailBounced, from {@link BOUNCE_RATE_MINIMUM_RECIPIENTS} recipients on).
   * @default 5
   */
  readonly bounceRateAlarmPercent?: number;
  /** Alarm when this many sign-ins fail in 5 minutes, across every protocol and organization. @default 100 */
  readonly authenticationFailuresPer5Minutes?: number;
  /** Functions whose errors and throttles the dashboard shows, and whose logged errors are counted. */
  readonly functions: readonly lambda.Function[];
  /** APIs whose 4xx and 5xx answers the dashboard shows. */
  readonly restApis: readonly apigateway.RestApi[];
  /** Dead-letter queues whose depth the dashboard shows (each has its own alarm already). */
  readonly deadLetterQueues: readonly sqs.IQueue[];
}

/** The metrics of one WorkMail name, summed over the deployment (the recorder's dimension-less set). */
type WorkMailMetric = (name: WorkMailMetricName, options?: cloudwatch.MetricOptions) => cloudwatch.Metric;

/**
 * What operators watch: alarms on the outbound bounce rate and on failed sign-ins, a count of the errors the
 * functions log, and one CloudWatch dashboard with WorkMail's nine metrics, the dead-letter queues, the functions'
 * errors and throttles and the APIs' 4xx and 5xx.
 * @example
 * new Monitoring(this, 'Monitoring', { observability, functions, restApis, deadLetterQueues });
 */
export class Monitoring extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly bounceRateAlarm: cloudwatch.Alarm;
  readonly authenticationFailureAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const percent = props.bounceRateAlarmPercent ?? 5;
    if (!(percent > 0 && percent <= 100))
      throw new Error(
        `Monitoring '${id}': bounceRateAlarmPercent must be above 0 and at most 100, got ${percent}`,
      );
    const failures = props.authenticationFailuresPer5Minutes ?? 100;
    if (!Number.isInteger(failures) || failures < 1)
      throw new Error(
        `Monitoring '${id}': authenticationFailuresPer5Minutes must be a whole number from 1, got ${failures}`,
      );
    const namespace = props.metricsNamespace ?? DEFAULT_METRICS_NAMESPACE;
    const workMail: WorkMailMetric = (metricName, options) =>
      new cloudwatch.Metric({
        namespace,
        metricName,
        statistic: 'Sum',
        period: Duration.minutes(5),
        ...options,
      });

    const bounceRate = new cloudwatch.MathExpression({
      expression: `IF(sent + bounced >= ${BOUNCE_RATE_MINIMUM_RECIPIENTS}, 100 * bounced / (sent + bounced), 0)`,
      usingMetrics: {
        sent: workMail('OutgoingEmailSent', { period: Duration.hours(1) }),
        bounced: workMail('OutgoingEmailBounced', { period: Duration.hours(1) }),
      },
      label: 'Outbound bounce rate (%)',
      period: Duration.hours(1),
    });
    this.bounceRateAlarm = props.observability.alarmAtLeast(
      this,
      'BounceRateAlarm',
      bounceRate,
      `${percent} % or more of outside recipients bounced in the last hour (SES may pause sending)`,
      percent,
    );
    this.authenticationFailureAlarm = props.observability.alarmAtLeast(
      this,
      'AuthenticationFailureAlarm',
      workMail('AuthenticationFailure'),
      `${failures} or more sign-ins failed in 5 minutes (password guessing?)`,
      failures,
    );
    const loggedErrors = this.countLoggedErrors(props.functions);
    this.dashboard = this.createDashboard(props, workMail, bounceRate, loggedErrors);
  }

  /** One metric of the ERROR lines every function logs (handled failures too, which Lambda's Errors misses). */
  private countLoggedErrors(functions: readonly lambda.Function[]): cloudwatch.IMetric {
    functions.forEach(
      (fn, index) =>
        new logs.MetricFilter(this, `LoggedErrors${index}`, {
          logGroup: fn.logGroup,
          filterPattern: logs.FilterPattern.stringValue('$.level', '=', 'ERROR'),
          metricNamespace: OPERATIONS_METRICS_NAMESPACE,
          metricName: 'LoggedErrors',
          metricValue: '1',
        }),
    );
    return new cloudwatch.Metric({
      namespace: OPERATIONS_METRICS_NAMESPACE,
      metricName: 'LoggedErrors',
      statistic: 'Sum',
      period: Duration.minutes(5),
    });
  }

  private createDashboard(
    props: MonitoringProps,
    workMail: WorkMailMetric,
    bounceRate: cloudwatch.IMetric,
    loggedErrors: cloudwatch.IMetric,
  ): cloudwatch.Dashboard {
    const graph = (title: string, left: cloudwatch.IMetric[], right: cloudwatch.IMetric[] = []) =>
      new cloudwatch.GraphWidget({ title, left, right, width: 12, height: 6 });
    const perFunction = (metric: (fn: lambda.IFunction) => cloudwatch.Metric, what: string) =>
      props.functions.map((fn) =>
        metric(fn).with({ label: `${what} ${fn.node.scope?.node.id ?? ''}${fn.node.id}` }),
      );
    const attempts = (name: WorkMailMetricName, label: string) => [
      workMail(name, { label: `${label}: failed or denied` }),
      workMail(name, { statistic: 'SampleCount', label: `${label}: attempts` }),
    ];
    const stack = Stack.of(this);
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      // Dashboard names are per account, not per Region.
      dashboardName: `${stack.stackName}-${stack.region}`,
      defaultInterval: Duration.hours(24),
    });
    dashboard.addWidgets(
      graph('Inbound mail', [
        workMail('OrganizationEmailReceived', { label: 'Messages received' }),
        workMail('MailboxEmailDelivered', { label: 'Mailbox deliveries' }),
        workMail('IncomingEmailBounced', { label: 'Bounced (mailbox full)' }),
      ]),
      graph(
        'Outbound mail',
        [
          workMail('OutgoingEmailSent', { label: 'Recipients reached' }),
          workMail('OutgoingEmailBounced', { label: 'Recipients bounced' }),
        ],
        [bounceRate],
      ),
    );
    dashboard.addWidgets(
      graph('Sign-ins and access control', [
        ...attempts('AuthenticationFailure', 'Sign-ins'),
        ...attempts('AccessDenied', 'Access control rules'),
      ]),
      graph('Mailbox actions and availability providers', [
        ...attempts('ActionDenied', 'Mailbox actions'),
        ...attempts('AvailabilityProviderFailure', 'Availability providers'),
      ]),
    );
    dashboard.addWidgets(
      graph(
        'Dead-letter queues (messages waiting)',
        props.deadLetterQueues.map((queue, index) =>
          queue.metricApproximateNumberOfMessagesVisible({
            statistic: 'Maximum',
            period: Duration.minutes(5),
            label: queue.node.scope?.node.id ?? `Queue ${index}`,
          }),
        ),
      ),
      graph(
        'Function errors and throttles',
        [...perFunction((fn) => fn.metricErrors({ period: Duration.minutes(5) }), 'Errors'), loggedErrors],
        perFunction((fn) => fn.metricThrottles({ period: Duration.minutes(5) }), 'Throttles'),
      ),
    );
    dashboard.addWidgets(
      ...props.restApis.map((api) =>
        graph(`${api.node.scope?.node.id ?? api.node.id} answers`, [
          api.metricClientError({ period: Duration.minutes(5), statistic: 'Sum', label: '4xx' }),
          api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum', label: '5xx' }),
        ]),
      ),
    );
    return dashboard;
  }
}

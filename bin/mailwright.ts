#!/usr/bin/env -S npx tsx
/**
 * The Mailwright CDK app: one MailwrightStack, checked by cdk-nag AwsSolutions on every synth.
 * Context (cdk.json or `-c key=value`): see docs/deploy.md.
 */
import { App, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MailwrightStack, type MailwrightStackProps } from '../lib/mailwright-stack';

const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined || value === null || value === '' ? undefined : String(value);
};
const list = (key: string): string[] | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value !== '' ? value.split(',').map((item) => item.trim()) : undefined;
};

const removalPolicies: Record<string, RemovalPolicy> = {
  retain: RemovalPolicy.RETAIN,
  destroy: RemovalPolicy.DESTROY,
};
const removalPolicy = removalPolicies[context('mailwright:removalPolicy') ?? 'retain'];
if (removalPolicy === undefined) {
  throw new Error("Context mailwright:removalPolicy must be 'retain' or 'destroy'");
}
const retentionDays = context('mailwright:logRetentionDays');
const logRetention = retentionDays === undefined ? undefined : (Number(retentionDays) as logs.RetentionDays);
if (logRetention !== undefined && !Object.values(logs.RetentionDays).includes(logRetention)) {
  throw new Error(
    `Context mailwright:logRetentionDays=${retentionDays} is not a CloudWatch Logs retention (e.g. 30, 90, 365)`,
  );
}

if (context('mailwright:flowRuleFunctionPrefix') !== undefined) {
  throw new Error(
    'Context mailwright:flowRuleFunctionPrefix is no longer used: tag each flow-rule function ' +
      'mailwright:organization=<organizationId> instead (docs/lambda-actions.md)',
  );
}

const keyRecoveryDays = context('mailwright:mailboxKeyRecoveryDays');
const bounceRateAlarmPercent = context('mailwright:bounceRateAlarmPercent');
const authenticationFailuresPer5Minutes = context('mailwright:authenticationFailuresPer5Minutes');
const recoverableItemsDays = context('mailwright:recoverableItemsDays');
// JSON: hostName, the four ports and, to run the IMAP/submission service, tlsSecretArn (docs/deploy.md).
const mailAccess: unknown = app.node.tryGetContext('mailwright:mailAccess');

new MailwrightStack(app, context('mailwright:stackName') ?? 'Mailwright', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  testDomainSuffix: context('mailwright:testDomainSuffix'),
  inboundRecipients: list('mailwright:inboundRecipients'),
  removalPolicy,
  alarmEmail: context('mailwright:alarmEmail'),
  logRetention,
  metricsNamespace: context('mailwright:metricsNamespace'),
  bounceRateAlarmPercent: bounceRateAlarmPercent === undefined ? undefined : Number(bounceRateAlarmPercent),
  authenticationFailuresPer5Minutes:
    authenticationFailuresPer5Minutes === undefined ? undefined : Number(authenticationFailuresPer5Minutes),
  tracing: context('mailwright:tracing') === 'true',
  mailboxKeyRecoveryDays: keyRecoveryDays === undefined ? undefined : Number(keyRecoveryDays),
  recoverableItemsDays: recoverableItemsDays === undefined ? undefined : Number(recoverableItemsDays),
  exportRoleArns: list('mailwright:exportRoleArns'),
  webDomainName: context('mailwright:webDomainName'),
  webCertificateArn: context('mailwright:webCertificateArn'),
  mailAccess:
    typeof mailAccess === 'string' && mailAccess !== ''
      ? (JSON.parse(mailAccess) as MailwrightStackProps['mailAccess'])
      : typeof mailAccess === 'object' && mailAccess !== null
        ? (mailAccess as MailwrightStackProps['mailAccess'])
        : undefined,
});

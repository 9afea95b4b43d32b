import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledgeWildcards, nagText } from './nag';

/** Role names an organization's email event role may have (WorkMail's own guidance asks for "workmail" in it). */
export const EMAIL_EVENT_ROLE_NAMES = ['*workmail*', '*WorkMail*', '*mailwright*', '*Mailwright*'] as const;
/** The log groups functions write to as themselves, when a configuration names no role (WorkMail's default name). */
export const DEFAULT_EMAIL_EVENT_LOG_GROUPS = '/aws/workmail/emailevents/*';

/**
 * Lets a function that emits email events (inbound, JMAP, the mail access task, send events) write them: assume
 * the role an organization's email monitoring configuration names, but only roles of this account whose name
 * contains `workmail` or `mailwright` (security-and-logging §5.2 step 2), and, for configurations without a role,
 * create streams and put events in `/aws/workmail/emailevents/*` log groups of this account and Region.
 * @param scope - any construct of the stack (for its account, Region and partition)
 * @param grantee - the emitting function or task role
 * @example
 * grantWriteEmailEvents(this, fn);
 */
export function grantWriteEmailEvents(scope: Construct, grantee: iam.IGrantable): iam.Grant {
  const { partition, region, account } = Stack.of(scope);
  const roles = EMAIL_EVENT_ROLE_NAMES.map((name) => `arn:${partition}:iam::${account}:role/${name}`);
  const group = `arn:${partition}:logs:${region}:${account}:log-group:${DEFAULT_EMAIL_EVENT_LOG_GROUPS}`;
  const groups = [group, `${group}:log-stream:*`];
  acknowledgeWildcards(
    grantee,
    [...roles, ...groups].map((arn) => `Resource::${nagText(scope, arn)}`),
    'Organizations name their email event log role and log group at runtime (PutEmailMonitoringConfiguration); ' +
      'the names are limited to roles containing workmail/mailwright and to the default email event log groups.',
  );
  const assume = iam.Grant.addToPrincipal({ grantee, actions: ['sts:AssumeRole'], resourceArns: roles });
  return assume.combine(
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resourceArns: groups,
    }),
  );
}

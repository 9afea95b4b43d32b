import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { acknowledgeWildcards, nagText } from './nag';

/**
 * Users' mail to outside addresses goes out through SES v2 SendEmail with raw content, from the organizations'
 * verified domains. SES has no grant method, and the identities are registered at runtime, so the grant names them
 * by ARN pattern in this account and Region; SES also checks the configuration set a send names, so the grant
 * names that one set (no other set, no other account's identity).
 * @param grantee - the JMAP function or the mail access task role
 * @param configurationSet - the set sends go through, if any
 * @example
 * grantSendRawMail(this, jmapFunction, sendEvents.configurationSet);
 */
export function grantSendRawMail(
  scope: Construct,
  grantee: iam.IGrantable,
  configurationSet?: ses.IConfigurationSet,
): iam.Grant {
  const { partition, region, account } = Stack.of(scope);
  const identities = `arn:${partition}:ses:${region}:${account}:identity/*`;
  const sets = configurationSet
    ? [`arn:${partition}:ses:${region}:${account}:configuration-set/${configurationSet.configurationSetName}`]
    : [];
  acknowledgeWildcards(
    grantee,
    [`Resource::${nagText(scope, identities)}`],
    'Users send from the mail domains registered at runtime; their SES identities have no name at deploy time.',
  );
  return iam.Grant.addToPrincipal({
    grantee,
    actions: ['ses:SendEmail', 'ses:SendRawEmail'],
    resourceArns: [identities, ...sets],
  });
}

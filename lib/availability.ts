import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { FLOW_RULE_ORGANIZATION_TAG } from '../lambdas/core/flow-lambda/ports';
import { acknowledgeWildcards, nagText } from './nag';

/** The tag that opts a function in as a Custom Availability Provider (`mailwright:availability=true`). */
export const AVAILABILITY_PROVIDER_TAG = 'mailwright:availability';

/**
 * The Custom Availability Provider (CAP) functions availability configurations may name. Like flow-rule functions,
 * a CAP is bound to one organization by `mailwright:organization=<organizationId>` (the invoker reads it and refuses
 * a function bound to another organization); in addition it must carry `mailwright:availability=true`, so the
 * admin API, which has no flow-rule grant, can invoke nothing but opted-in providers (docs/availability.md).
 * @example
 * const providers = new AvailabilityProviders(this, 'AvailabilityProviders');
 * providers.grantInvoke(adminApiFunction);
 */
export class AvailabilityProviders extends Construct {
  /** The tag that opts a function in as a provider. */
  readonly providerTagKey = AVAILABILITY_PROVIDER_TAG;
  /** The tag whose value names the one organization a function serves. */
  readonly organizationTagKey = FLOW_RULE_ORGANIZATION_TAG;

  /**
   * Lets the grantee invoke provider functions of this account in any Region (WorkMail allows cross-Region CAPs),
   * tagged with both tags, and read their tags. Providers are configured at runtime, so the grant names them by ARN
   * pattern, conditioned on the tags.
   */
  grantInvoke(grantee: iam.IGrantable): iam.Grant {
    const { partition, account } = Stack.of(this);
    const functions = `arn:${partition}:lambda:*:${account}:function:*`;
    const invoke = iam.Grant.addToPrincipal({
      grantee,
      actions: ['lambda:InvokeFunction'],
      resourceArns: [functions],
      conditions: {
        StringEquals: { [`aws:ResourceTag/${this.providerTagKey}`]: 'true' },
        Null: { [`aws:ResourceTag/${this.organizationTagKey}`]: 'false' },
      },
    });
    const readTags = iam.Grant.addToPrincipal({
      grantee,
      actions: ['lambda:ListTags'],
      resourceArns: [functions],
    });
    acknowledgeWildcards(
      grantee,
      [`Resource::${nagText(this, functions)}`],
      'Availability configurations name their CAP functions at runtime (CreateAvailabilityConfiguration); only ' +
        `functions of this account tagged ${this.providerTagKey}=true and ${this.organizationTagKey} ` +
        'can be invoked, and only for the organization the tag names.',
    );
    return invoke.combine(readTags);
  }
}

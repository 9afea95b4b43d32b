import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { FLOW_RULE_ORGANIZATION_TAG } from '../lambdas/core/flow-lambda/ports';
import { acknowledgeWildcards, nagText } from './nag';

/**
 * The Lambda functions that email flow rules may invoke. WorkMail lets a rule name any function in the
 * organization's own account (message-flow.md §7.2); in Mailwright many organizations share one account, so a
 * function is bound to one organization by the tag `mailwright:organization=<organizationId>`. IAM lets Mailwright
 * invoke only tagged functions of this account and Region; before each invocation the invoker reads the tag
 * (ListTags) and refuses a function whose tag names another organization (docs/security.md).
 * @example
 * const targets = new FlowRuleTargets(this, 'FlowRuleTargets');
 * targets.grantInvoke(inboundFunction);
 */
export class FlowRuleTargets extends Construct {
  /** The tag whose value names the one organization a function serves. */
  readonly organizationTagKey = FLOW_RULE_ORGANIZATION_TAG;

  /**
   * Lets the grantee invoke functions bound to an organization (sync and async) and read their tags. There is no
   * construct for functions that do not exist yet, so the grant names them by ARN pattern in this account and
   * Region, conditioned on the tag being present.
   */
  grantInvoke(grantee: iam.IGrantable): iam.Grant {
    const { partition, region, account } = Stack.of(this);
    const functions = `arn:${partition}:lambda:${region}:${account}:function:*`;
    const invoke = iam.Grant.addToPrincipal({
      grantee,
      actions: ['lambda:InvokeFunction'],
      resourceArns: [functions],
      conditions: { Null: { [`aws:ResourceTag/${this.organizationTagKey}`]: 'false' } },
    });
    const readTags = iam.Grant.addToPrincipal({
      grantee,
      actions: ['lambda:ListTags'],
      resourceArns: [functions],
    });
    acknowledgeWildcards(
      grantee,
      [`Resource::${nagText(this, functions)}`],
      'Flow rules name their target functions at runtime (CreateEmailFlowRule); only functions of this account and ' +
        `Region tagged ${this.organizationTagKey} can be invoked, and only for the organization the tag names.`,
    );
    return invoke.combine(readTags);
  }
}

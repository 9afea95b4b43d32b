import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeWildcards, nagText } from './nag';

/** Properties of {@link FlowRuleTargets}. */
export interface FlowRuleTargetsProps {
  /**
   * Functions whose name starts with this prefix may be the target of a Run Lambda flow rule.
   * @default 'mailwright-flow-rule-'
   */
  readonly functionNamePrefix?: string;
  /**
   * Functions carrying this tag with the value `true` may be the target too, whatever their name.
   * @default 'mailwright:flow-rule-target'
   */
  readonly targetTagKey?: string;
}

/**
 * The Lambda functions that email flow rules may invoke: WorkMail lets a rule name any function in the
 * organization's account and Region (message-flow.md §7.2); Mailwright narrows that to functions the operator marks
 * by name prefix or by tag, in this stack's account and Region only.
 * @example
 * const targets = new FlowRuleTargets(this, 'FlowRuleTargets');
 * targets.grantInvoke(inboundFunction);
 */
export class FlowRuleTargets extends Construct {
  /** Name prefix that marks a function as a flow-rule target. */
  readonly functionNamePrefix: string;
  /** Tag key (value `true`) that marks a function as a flow-rule target. */
  readonly targetTagKey: string;

  constructor(scope: Construct, id: string, props: FlowRuleTargetsProps = {}) {
    super(scope, id);
    this.functionNamePrefix = props.functionNamePrefix ?? 'mailwright-flow-rule-';
    this.targetTagKey = props.targetTagKey ?? 'mailwright:flow-rule-target';
  }

  /**
   * Lets the grantee invoke flow-rule targets (sync and async). There is no construct for functions that do not
   * exist yet, so the grant names them by ARN pattern; both statements stay inside this account and Region.
   */
  grantInvoke(grantee: iam.IGrantable): iam.Grant {
    const { partition, region, account } = Stack.of(this);
    const functions = `arn:${partition}:lambda:${region}:${account}:function:`;
    const byName = iam.Grant.addToPrincipal({
      grantee,
      actions: ['lambda:InvokeFunction'],
      resourceArns: [`${functions}${this.functionNamePrefix}*`],
    });
    const byTag = iam.Grant.addToPrincipal({
      grantee,
      actions: ['lambda:InvokeFunction'],
      resourceArns: [`${functions}*`],
      conditions: { StringEquals: { [`aws:ResourceTag/${this.targetTagKey}`]: 'true' } },
    });
    acknowledgeWildcards(
      grantee,
      [
        `Resource::${nagText(this, `${functions}${this.functionNamePrefix}*`)}`,
        `Resource::${nagText(this, `${functions}*`)}`,
      ],
      'Flow rules name their target functions at runtime (PutEmailFlowRule); only functions of this account and ' +
        'Region that carry the name prefix or the target tag can be invoked.',
    );
    return byName.combine(byTag);
  }
}

import { Stack, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';

/**
 * Renders a value as cdk-nag prints it in finding IDs: `Ref` as `<Name>`, `Fn::GetAtt` as `<Name.Attr>`,
 * `Fn::Join` joined, `Fn::Sub`'s `${Name}` as `<Name>` (CDK's asset bucket name when the account is not known at
 * synth). Lets a construct acknowledge a wildcard on a resource whose ARN holds tokens.
 * @example
 * nagText(this, `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/*`); // 'arn:<AWS::Partition>:…'
 */
export function nagText(scope: IConstruct, value: string): string {
  const render = (resolved: unknown): string => {
    if (typeof resolved === 'string') return resolved;
    const node = resolved as Record<string, unknown>;
    if (typeof node.Ref === 'string') return `<${node.Ref}>`;
    if (Array.isArray(node['Fn::GetAtt'])) return `<${(node['Fn::GetAtt'] as string[]).join('.')}>`;
    if (typeof node['Fn::Sub'] === 'string')
      return node['Fn::Sub'].replace(/\$\{([^}]+)\}/g, (_, name: string) => `<${name}>`);
    if (Array.isArray(node['Fn::Join'])) {
      const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(separator);
    }
    return JSON.stringify(resolved);
  };
  return render(Stack.of(scope).resolve(value));
}

/**
 * Acknowledges cdk-nag IAM5 (wildcard) findings on the grantee's policy, each with the same reason. Grantees that
 * are not constructs (imported roles) have no policy in this stack, so there is nothing to acknowledge.
 * @param findings - in cdk-nag's form, e.g. `Action::s3:GetObject*` or `Resource::<Bucket.Arn>/*`
 */
export function acknowledgeWildcards(
  grantee: iam.IGrantable,
  findings: readonly string[],
  reason: string,
): void {
  if (!Construct.isConstruct(grantee)) return;
  for (const finding of findings)
    Validations.of(grantee).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
}

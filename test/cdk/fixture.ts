import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { MailwrightStack, type MailwrightStackProps } from '../../lib/mailwright-stack';

// Unit tests skip CloudFormation validation and esbuild bundling for speed; cli-synth.test.ts does both.
process.env.CDK_VALIDATION = 'false';

/** The context of cdk.json (feature flags and Mailwright defaults), as `cdk synth` sees it. */
export const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/** Account and Region every test stack is pinned to. */
export const TEST_ENV = { account: '123456789012', region: 'eu-west-1' } as const;

/**
 * Builds a Mailwright stack without bundling (`aws:cdk:bundling-stacks: []`) and returns its template.
 * @example
 * const { template } = synthesize({ inboundRecipients: ['example.com'] });
 */
export function synthesize(props: MailwrightStackProps = {}, context: Record<string, unknown> = {}) {
  const app = new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new MailwrightStack(app, 'Test', { env: TEST_ENV, ...props });
  return { app, stack, template: Template.fromStack(stack) };
}

/** The logical ID of the only resource of `type` whose ID contains `hint`. */
export function logicalId(template: Template, type: string, hint: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.includes(hint));
  if (ids.length !== 1)
    throw new Error(`Expected one ${type} matching '${hint}', found ${ids.join(', ') || 'none'}`);
  return ids[0]!;
}

/** Statements of the IAM policies attached to the role of the function whose ID contains `hint`. */
export function functionStatements(template: Template, hint: string): Record<string, unknown>[] {
  const fnId = logicalId(template, 'AWS::Lambda::Function', hint);
  const role = (template.toJSON().Resources[fnId].Properties.Role as { 'Fn::GetAtt': [string, string] })[
    'Fn::GetAtt'
  ][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
    (policy.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === role),
  );
  return policies.flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[],
  );
}

/** A value as an array (IAM allows a single string or a list). */
export const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * The resources (as JSON text, so tokens compare as strings) that the function whose ID contains `hint` may use
 * `action` on, each with its statement's condition.
 * @example
 * const puts = grantsOf(template, 'InboundFunction', 's3:PutObject');
 */
export function grantsOf(
  template: Template,
  hint: string,
  action: string,
): { resource: string; condition?: unknown }[] {
  return functionStatements(template, hint)
    .filter((statement) => asArray(statement.Action as string | string[]).includes(action))
    .flatMap((statement) =>
      asArray(statement.Resource).map((resource) => ({
        resource: JSON.stringify(resource),
        ...(statement.Condition === undefined ? {} : { condition: statement.Condition }),
      })),
    );
}

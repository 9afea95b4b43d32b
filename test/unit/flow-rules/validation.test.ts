import { createEmailFlowRule, updateEmailFlowRule } from '../../../lambdas/core/api/operations/flow-rules';
import type { Operation } from '../../../lambdas/core/api/operation';
import { ORG, unitDeps } from './unit-deps';

const LAMBDA = 'arn:aws:lambda:eu-west-1:111122223333:function:hook';
const base = {
  OrganizationId: ORG,
  Name: 'r1',
  Direction: 'INBOUND',
  Action: 'DROP',
  SenderPatterns: ['example.com'],
  DestinationPatterns: ['*'],
};
const syncLambda = {
  ...base,
  Action: 'RUN_LAMBDA',
  LambdaArn: LAMBDA,
  Synchronous: true,
  FallbackAction: 'DEFAULT',
  RuleTimeoutMinutes: 10,
};

async function refusal(
  input: Record<string, unknown>,
  operation: Operation = createEmailFlowRule as unknown as Operation,
) {
  const { call } = unitDeps();
  return call(operation, input).then(
    () => undefined,
    (error: Error) => ({ name: error.name, message: error.message }),
  );
}

describe('Operation: CreateEmailFlowRule validation', () => {
  it.each([
    ['an empty pattern', { SenderPatterns: [''] }, /must not be empty/],
    ['a + in a sender pattern', { SenderPatterns: ['a+tag@example.com'] }, /'\+' is not allowed/],
    ['a + in a destination pattern', { DestinationPatterns: ['a+b@corp.example'] }, /'\+' is not allowed/],
    ['a * inside a label', { SenderPatterns: ['a*.example.com'] }, /leading label/],
    ['a * after the first label', { SenderPatterns: ['mail.*.example.com'] }, /leading label/],
    ['a * in the local part', { SenderPatterns: ['*@example.com'] }, /leading label/],
    ['a double wildcard', { SenderPatterns: ['*.*.example.com'] }, /leading label/],
    [
      'something that is no pattern',
      { SenderPatterns: ['not an address'] },
      /^SenderPatterns contains an invalid pattern 'not an address': expected local@domain/,
    ],
    ['an empty sender list', { SenderPatterns: [] }, /at least one pattern/],
    ['an empty destination list', { DestinationPatterns: [] }, /at least one pattern/],
    [
      'an outbound-only action on an inbound rule',
      { Action: 'ROUTE_TO_SMTP_GATEWAY', SmtpGatewayName: 'gw' },
      /^Action ROUTE_TO_SMTP_GATEWAY is not an INBOUND action; use one of DROP, BOUNCE, MOVE_TO_JUNK, DEFAULT, BYPASS_SPAM_CHECK, RUN_LAMBDA\.$/,
    ],
    [
      'an inbound-only action on an outbound rule',
      { Direction: 'OUTBOUND', Action: 'MOVE_TO_JUNK' },
      /not an OUTBOUND action/,
    ],
    ['a Lambda ARN on a non-Lambda rule', { LambdaArn: LAMBDA }, /only allowed when Action is RUN_LAMBDA/],
    ['a Run Lambda rule without ARN', { Action: 'RUN_LAMBDA' }, /LambdaArn is required/],
    [
      'a synchronous Lambda rule for some recipients',
      { ...syncLambda, DestinationPatterns: ['corp.example'] },
      /only supports DestinationPatterns \["\*"\]/,
    ],
    [
      'a synchronous Lambda rule for * and more',
      { ...syncLambda, DestinationPatterns: ['*', 'corp.example'] },
      /only supports DestinationPatterns/,
    ],
    ['a Lambda fallback action', { ...syncLambda, FallbackAction: 'RUN_LAMBDA' }, /never a Lambda action/],
    [
      'a fallback action of the other direction',
      { ...syncLambda, FallbackAction: 'ROUTE_TO_SMTP_GATEWAY' },
      /not allowed for INBOUND rules; use one of DROP, BOUNCE, MOVE_TO_JUNK, DEFAULT, BYPASS_SPAM_CHECK \(/,
    ],
    [
      'a synchronous rule without fallback',
      { ...syncLambda, FallbackAction: undefined },
      /FallbackAction is required/,
    ],
    ['a rule timeout above 240', { ...syncLambda, RuleTimeoutMinutes: 241 }, /from 0 to 240/],
    ['a negative rule timeout', { ...syncLambda, RuleTimeoutMinutes: -1 }, /from 0 to 240/],
    [
      'a fallback on an asynchronous rule',
      { ...syncLambda, Synchronous: false },
      /only allowed when Synchronous is true/,
    ],
    [
      'a fallback action alone on an asynchronous rule',
      { ...syncLambda, Synchronous: false, RuleTimeoutMinutes: undefined },
      /^FallbackAction and RuleTimeoutMinutes are only allowed when Synchronous is true\.$/,
    ],
    [
      'a rule timeout alone on an asynchronous rule',
      { ...syncLambda, Synchronous: undefined, FallbackAction: undefined },
      /only allowed when Synchronous is true/,
    ],
    [
      'a synchronous rule without rule timeout',
      { ...syncLambda, RuleTimeoutMinutes: undefined },
      /^RuleTimeoutMinutes is required when Synchronous is true\.$/,
    ],
    [
      'Synchronous on a non-Lambda rule',
      { Synchronous: true },
      /^Synchronous is only allowed when Action is RUN_LAMBDA\.$/,
    ],
    [
      'a rule timeout on a non-Lambda rule',
      { RuleTimeoutMinutes: 5 },
      /^RuleTimeoutMinutes is only allowed when Action is RUN_LAMBDA\.$/,
    ],
    [
      'an ARN with something before it',
      { ...syncLambda, LambdaArn: `x${LAMBDA}` },
      /not a Lambda function ARN/,
    ],
    [
      'an ARN with something after it',
      { ...syncLambda, LambdaArn: `${LAMBDA}:prod/extra` },
      /not a Lambda function ARN/,
    ],
    [
      'a function in another Region',
      { ...syncLambda, LambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:hook' },
      /^LambdaArn '.*' is in Region us-east-1 and account 111122223333; the function must be in this deployment's Region eu-west-1 and account 111122223333\.$/,
    ],
    [
      'a function in another account',
      { ...syncLambda, LambdaArn: 'arn:aws:lambda:eu-west-1:999999999999:function:hook' },
      /account 999999999999.*account 111122223333/,
    ],
    [
      'something that is no Lambda ARN',
      { ...syncLambda, LambdaArn: 'arn:aws:sqs:eu-west-1:111122223333:queue' },
      /not a Lambda function ARN/,
    ],
    [
      'an SMTP route without gateway',
      { Direction: 'OUTBOUND', Action: 'ROUTE_TO_SMTP_GATEWAY' },
      /SmtpGatewayName is required/,
    ],
    [
      'a gateway on a rule that does not route',
      { SmtpGatewayName: 'gw' },
      /only allowed when Action or FallbackAction/,
    ],
    ['an unknown action', { Action: 'DELETE' }, /enum value set/],
  ])('rejects %s with InvalidParameterException', async (_, change, message) => {
    const error = await refusal({ ...base, ...change });
    expect(error?.name).toBe('InvalidParameterException');
    expect(error?.message).toMatch(message);
  });

  it('rejects a rule timeout out of range on update too', async () => {
    const error = await refusal(
      { ...syncLambda, RuleTimeoutMinutes: 500 },
      updateEmailFlowRule as unknown as Operation,
    );
    expect(error?.name).toBe('InvalidParameterException');
  });

  it('rejects 251 sender patterns in one rule with LimitExceededException', async () => {
    const patterns = Array.from({ length: 251 }, (_, i) => `s${i}@example.com`);
    const error = await refusal({ ...base, SenderPatterns: patterns });
    expect(error?.name).toBe('LimitExceededException');
    expect(error?.message).toBe('A rule can have at most 250 sender patterns; this one has 251.');
  });

  it.each([
    ['250 sender patterns', { SenderPatterns: Array.from({ length: 250 }, (_, i) => `s${i}@example.com`) }],
    ['every pattern form', { SenderPatterns: ['a@example.com', 'example.com', '*.example.com', '*'] }],
    ['a synchronous Lambda rule with timeout 0', { ...syncLambda, RuleTimeoutMinutes: 0 }],
    ['a synchronous Lambda rule with timeout 240', { ...syncLambda, RuleTimeoutMinutes: 240 }],
    ['a synchronous Lambda rule for " * "', { ...syncLambda, DestinationPatterns: [' * '] }],
    ['a function version or alias', { ...syncLambda, LambdaArn: `${LAMBDA}:prod` }],
    ['the $LATEST qualifier', { ...syncLambda, LambdaArn: `${LAMBDA}:$LATEST` }],
    [
      'an asynchronous Lambda rule for some recipients',
      { Action: 'RUN_LAMBDA', LambdaArn: LAMBDA, DestinationPatterns: ['corp.example'] },
    ],
    [
      'an outbound Lambda rule falling back to an SMTP gateway',
      {
        ...syncLambda,
        Direction: 'OUTBOUND',
        FallbackAction: 'ROUTE_TO_SMTP_GATEWAY',
        SmtpGatewayName: 'gw',
      },
    ],
  ])('accepts %s', async (_, change) => {
    expect(await refusal({ ...base, ...change })).toBeUndefined();
  });

  it('stores patterns lower-cased and trimmed', async () => {
    const { call, store } = unitDeps();
    await call(createEmailFlowRule as unknown as Operation, { ...base, SenderPatterns: [' A@Example.COM '] });
    expect((await store.getRule(ORG, 'INBOUND', 'r1'))?.senderPatterns).toEqual(['a@example.com']);
  });
});

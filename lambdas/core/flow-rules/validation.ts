import { HARD_QUOTAS } from '../config/quotas';
import { InvalidParameterException, LimitExceededException } from '../api/errors';
import { OUTBOUND_FALLBACK_MAY_ROUTE_TO_SMTP_GATEWAY } from './decisions';
import { parsePattern } from './patterns';
import {
  INBOUND_ACTIONS,
  OUTBOUND_ACTIONS,
  type FlowAction,
  type FlowDirection,
  type FlowRule,
} from './types';

/** The administrator-supplied fields of a rule, before validation. */
export type FlowRuleDraft = Omit<FlowRule, 'organizationId' | 'createdAt' | 'modifiedAt'>;

/** Where functions may live: the deployment's own Region and account (requirement 4). */
export interface LambdaLocation {
  readonly region: string;
  readonly accountId: string;
}

const LAMBDA_ARN =
  /^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]{1,64})(?::[A-Za-z0-9$_-]+)?$/;

/** Actions a rule of `direction` may take. */
export function actionsOf(direction: FlowDirection): readonly FlowAction[] {
  return direction === 'INBOUND' ? INBOUND_ACTIONS : OUTBOUND_ACTIONS;
}

/**
 * Actions a synchronous Run Lambda rule of `direction` may fall back to: never a Lambda action (§7.5, §14.9).
 */
export function fallbackActionsOf(direction: FlowDirection): readonly FlowAction[] {
  return actionsOf(direction).filter(
    (action) =>
      action !== 'RUN_LAMBDA' &&
      // Stryker disable next-line EqualityOperator,StringLiteral: no effect while the decision is true
      (action !== 'ROUTE_TO_SMTP_GATEWAY' || OUTBOUND_FALLBACK_MAY_ROUTE_TO_SMTP_GATEWAY),
  );
}

function invalid(message: string): InvalidParameterException {
  return new InvalidParameterException(message);
}

function normalizePatterns(field: string, patterns: readonly string[]): string[] {
  if (patterns.length === 0) throw invalid(`${field} must contain at least one pattern.`);
  return patterns.map((pattern) => {
    const parsed = parsePattern(pattern);
    if (!parsed.ok) throw invalid(`${field} contains an invalid pattern '${pattern}': ${parsed.reason}.`);
    return pattern.trim().toLowerCase();
  });
}

function checkLambdaArn(arn: string, location: LambdaLocation): void {
  const match = LAMBDA_ARN.exec(arn);
  if (!match)
    throw invalid(
      `LambdaArn '${arn}' is not a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>).`,
    );
  const [, , region, accountId] = match;
  if (region !== location.region || accountId !== location.accountId) {
    throw invalid(
      `LambdaArn '${arn}' is in Region ${region} and account ${accountId}; ` +
        `the function must be in this deployment's ` +
        `Region ${location.region} and account ${location.accountId}.`,
    );
  }
}

function checkLambdaFields(draft: FlowRuleDraft, location: LambdaLocation): void {
  const lambda = draft.action === 'RUN_LAMBDA';
  if (!lambda) {
    for (const field of ['lambdaArn', 'synchronous', 'fallbackAction', 'ruleTimeoutMinutes'] as const) {
      if (draft[field] !== undefined)
        throw invalid(`${wire(field)} is only allowed when Action is RUN_LAMBDA.`);
    }
    return;
  }
  if (draft.lambdaArn === undefined) throw invalid('LambdaArn is required when Action is RUN_LAMBDA.');
  checkLambdaArn(draft.lambdaArn, location);
  if (!draft.synchronous) {
    if (draft.fallbackAction !== undefined || draft.ruleTimeoutMinutes !== undefined) {
      throw invalid('FallbackAction and RuleTimeoutMinutes are only allowed when Synchronous is true.');
    }
    return;
  }
  if (draft.destinationPatterns.length !== 1 || draft.destinationPatterns[0]?.trim() !== '*') {
    throw invalid('A synchronous RUN_LAMBDA rule only supports DestinationPatterns ["*"] (all recipients).');
  }
  if (draft.fallbackAction === undefined)
    throw invalid('FallbackAction is required when Synchronous is true.');
  if (!fallbackActionsOf(draft.direction).includes(draft.fallbackAction)) {
    throw invalid(
      `FallbackAction ${draft.fallbackAction} is not allowed for ${draft.direction} rules; use one of ` +
        `${fallbackActionsOf(draft.direction).join(', ')} (never a Lambda action).`,
    );
  }
  const timeout = draft.ruleTimeoutMinutes;
  if (timeout === undefined) throw invalid('RuleTimeoutMinutes is required when Synchronous is true.');
  if (!Number.isInteger(timeout) || timeout < 0 || timeout > 240) {
    throw invalid(
      `RuleTimeoutMinutes ${timeout} is out of range; use a whole number of minutes from 0 to 240.`,
    );
  }
}

function wire(field: string): string {
  return field.charAt(0).toUpperCase() + field.slice(1);
}

/**
 * Checks a rule against requirements 2–4 and returns it with trimmed, lower-cased patterns. The
 * per-organization
 * pattern quota is checked by the store, atomically with the write.
 * @param draft - the administrator's rule
 * @param location - the deployment's Region and account, which Lambda functions must share
 * @throws InvalidParameterException with a message naming the field and the fix
 * @throws LimitExceededException when the rule has more than 250 sender patterns
 * @example
 * const rule = validateFlowRule({ name: 'block', direction: 'INBOUND', action: 'DROP', … }, deps.settings);
 */
export function validateFlowRule(draft: FlowRuleDraft, location: LambdaLocation): FlowRuleDraft {
  if (!actionsOf(draft.direction).includes(draft.action)) {
    throw invalid(
      `Action ${draft.action} is not an ${draft.direction} action; ` +
        `use one of ${actionsOf(draft.direction).join(', ')}.`,
    );
  }
  if (draft.senderPatterns.length > HARD_QUOTAS.senderPatternsPerFlowRule) {
    throw new LimitExceededException(
      `A rule can have at most ${HARD_QUOTAS.senderPatternsPerFlowRule} sender patterns; ` +
        `this one has ${draft.senderPatterns.length}.`,
    );
  }
  const senderPatterns = normalizePatterns('SenderPatterns', draft.senderPatterns);
  const destinationPatterns = normalizePatterns('DestinationPatterns', draft.destinationPatterns);
  checkLambdaFields(draft, location);
  const routes = draft.action === 'ROUTE_TO_SMTP_GATEWAY' || draft.fallbackAction === 'ROUTE_TO_SMTP_GATEWAY';
  if (routes && draft.smtpGatewayName === undefined) {
    throw invalid('SmtpGatewayName is required when the rule routes to an SMTP gateway.');
  }
  if (!routes && draft.smtpGatewayName !== undefined) {
    throw invalid('SmtpGatewayName is only allowed when Action or FallbackAction is ROUTE_TO_SMTP_GATEWAY.');
  }
  return { ...draft, senderPatterns, destinationPatterns };
}

import { Type, type Static } from '@sinclair/typebox';
import { ALL_FLOW_ACTIONS, type FlowRule } from '../../../flow-rules/types';
import type { FlowRuleDraft } from '../../../flow-rules/validation';
import { OrganizationId, pattern, Timestamp, toTimestamp } from '../../shapes';

/** Shapes shared by the email flow rule extension operations. */

export const RuleName = pattern('[A-Za-z0-9 _.-]+', {
  minLength: 1,
  maxLength: 64,
  description: 'Unique per organization and direction',
});
export const Direction = Type.Union([Type.Literal('INBOUND'), Type.Literal('OUTBOUND')]);
export const FlowAction = Type.Union(ALL_FLOW_ACTIONS.map((action) => Type.Literal(action)));
/**
 * A sender or destination pattern; its grammar is checked by the flow-rule validation, with a precise
 * message.
 */
export const Pattern = Type.String({ maxLength: 320, description: 'local@domain, domain, *.domain or *' });
/**
 * Patterns of one rule. The 250-per-rule sender quota is a LimitExceededException, so it is not a schema
 * bound.
 */
export const Patterns = Type.Array(Pattern, { maxItems: 1_000 });
export const Address = pattern('[^\\s@]+@[^\\s@]+', { minLength: 3, maxLength: 320 });
export const LambdaArn = Type.String({ minLength: 1, maxLength: 256 });
export const GatewayName = pattern('[A-Za-z0-9_.-]+', { minLength: 1, maxLength: 64 });

/** The members that define a rule, in CreateEmailFlowRule and UpdateEmailFlowRule. */
const RuleMembers = {
  OrganizationId,
  Name: RuleName,
  Direction,
  Action: FlowAction,
  SenderPatterns: Patterns,
  DestinationPatterns: Patterns,
  Description: Type.Optional(Type.String({ maxLength: 256 })),
  LambdaArn: Type.Optional(LambdaArn),
  Synchronous: Type.Optional(Type.Boolean()),
  FallbackAction: Type.Optional(FlowAction),
  RuleTimeoutMinutes: Type.Optional(Type.Integer()),
  SmtpGatewayName: Type.Optional(GatewayName),
};

/** The input of CreateEmailFlowRule and UpdateEmailFlowRule. */
export const RuleInput = Type.Object(RuleMembers);

/** The members that name one rule. */
export const RuleKey = Type.Object({ OrganizationId, Direction, Name: RuleName });

/** A rule on the wire. */
export const EmailFlowRule = Type.Object({
  Name: RuleName,
  Direction,
  Action: FlowAction,
  SenderPatterns: Type.Array(Type.String()),
  DestinationPatterns: Type.Array(Type.String()),
  Description: Type.Optional(Type.String()),
  LambdaArn: Type.Optional(Type.String()),
  Synchronous: Type.Optional(Type.Boolean()),
  FallbackAction: Type.Optional(FlowAction),
  RuleTimeoutMinutes: Type.Optional(Type.Integer()),
  SmtpGatewayName: Type.Optional(Type.String()),
  DateCreated: Timestamp,
  DateModified: Timestamp,
});

/** The record fields a Create or Update request describes. */
export function draftOf(input: Static<typeof RuleInput>): FlowRuleDraft {
  return {
    name: input.Name,
    direction: input.Direction,
    action: input.Action,
    senderPatterns: input.SenderPatterns,
    destinationPatterns: input.DestinationPatterns,
    description: input.Description,
    lambdaArn: input.LambdaArn,
    synchronous: input.Synchronous,
    fallbackAction: input.FallbackAction,
    ruleTimeoutMinutes: input.RuleTimeoutMinutes,
    smtpGatewayName: input.SmtpGatewayName,
  };
}

/** The wire form of a stored rule; absent fields stay absent. */
export function toWire(rule: FlowRule): Static<typeof EmailFlowRule> {
  const optional = {
    Description: rule.description,
    LambdaArn: rule.lambdaArn,
    Synchronous: rule.synchronous,
    FallbackAction: rule.fallbackAction,
    RuleTimeoutMinutes: rule.ruleTimeoutMinutes,
    SmtpGatewayName: rule.smtpGatewayName,
  };
  return {
    Name: rule.name,
    Direction: rule.direction,
    Action: rule.action,
    SenderPatterns: [...rule.senderPatterns],
    DestinationPatterns: [...rule.destinationPatterns],
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    DateCreated: toTimestamp(rule.createdAt),
    DateModified: toTimestamp(rule.modifiedAt),
  };
}

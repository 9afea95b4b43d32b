import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { deliveryAction } from '../../../flow-rules/engine';
import { testFlowRules } from '../../../flow-rules/test-rules';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';
import { Address, Direction, EmailFlowRule, FlowAction, toWire } from './shapes';

/** MailwrightService.TestEmailFlowRules: the console's "Test configuration", without side effects. */
export const testEmailFlowRules = defineOperation({
  name: 'TestEmailFlowRules',
  service: 'MailwrightService',
  summary: 'Returns the action and the matched rule the current rules give one sender and recipient.',
  input: Type.Object({
    OrganizationId,
    Direction,
    /** The full sender address; stands for the From: header unless FromHeader is given. */
    Sender: Address,
    FromHeader: Type.Optional(Address),
    /** The Sender: header (mail sent on behalf of someone), evaluated first for inbound mail. */
    SenderHeader: Type.Optional(Address),
    Recipient: Address,
  }),
  output: Type.Object({
    Action: FlowAction,
    /** What delivery does before any Lambda answers (an asynchronous Run Lambda rule leaves it DEFAULT). */
    DeliveryAction: FlowAction,
    MatchedRule: Type.Optional(EmailFlowRule),
    MatchedSenderPattern: Type.Optional(Type.String()),
    MatchedDestinationPattern: Type.Optional(Type.String()),
    MatchedHeader: Type.Optional(Type.Union([Type.Literal('SENDER'), Type.Literal('FROM')])),
  }),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException'],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/email-flow-rules/test' },
  mutating: false,
  handle: async (input, ctx) => {
    await requireOrganization(ctx.deps, input.OrganizationId, { mustBeActive: false });
    const outcome = await testFlowRules(ctx.deps.flowRules, input.OrganizationId, {
      direction: input.Direction,
      sender: input.Sender,
      from: input.FromHeader,
      senderHeader: input.SenderHeader,
      recipient: input.Recipient,
    });
    return {
      Action: outcome.action,
      DeliveryAction: deliveryAction(outcome),
      ...(outcome.rule
        ? {
            MatchedRule: toWire(outcome.rule),
            MatchedSenderPattern: outcome.senderPattern,
            MatchedDestinationPattern: outcome.destinationPattern,
            MatchedHeader: outcome.matchedHeader,
          }
        : {}),
    };
  },
});

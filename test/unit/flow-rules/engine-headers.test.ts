import { compileRuleSet, evaluateRecipient } from '../../../lambdas/core/flow-rules/engine';
import type {
  FlowAction,
  FlowDirection,
  FlowRule,
  MessageAddresses,
} from '../../../lambdas/core/flow-rules/types';
import { rule } from './memory-flow-rule-store';

// message-flow.md §5.1: outbound rules apply when either the Sender: or the From: header matches, the better
// match winning (docs/flow-rules.md step 2); inbound rules try Sender: first and From: only as a fallback.
const outbound = (name: string, action: FlowAction, senderPatterns: string[], destinationPatterns = ['*']) =>
  rule({ name, direction: 'OUTBOUND', action, senderPatterns, destinationPatterns });

function decide(
  direction: FlowDirection,
  rules: FlowRule[],
  message: MessageAddresses,
  recipient = 'y@rival.test',
) {
  const outcome = evaluateRecipient(compileRuleSet(direction, rules), message, recipient);
  return { rule: outcome.rule?.name, action: outcome.action, header: outcome.matchedHeader };
}

describe('Engine: outbound rules match the Sender: or the From: header', () => {
  const block = [outbound('block-corp', 'DROP', ['corp.example'])];

  it('applies a rule that only the Sender: header matches', () => {
    expect(decide('OUTBOUND', block, { sender: 'pa@corp.example', from: 'x@other.test' })).toEqual({
      rule: 'block-corp',
      action: 'DROP',
      header: 'SENDER',
    });
  });

  it('applies a rule that only the From: header matches', () => {
    expect(decide('OUTBOUND', block, { sender: 'x@other.test', from: 'ceo@corp.example' })).toEqual({
      rule: 'block-corp',
      action: 'DROP',
      header: 'FROM',
    });
  });

  it('applies a rule matched by From: when the message has no Sender: header', () => {
    expect(decide('OUTBOUND', block, { from: 'ceo@corp.example' }).header).toBe('FROM');
  });

  it('applies a rule matched by Sender: when the message has no From: address', () => {
    expect(decide('OUTBOUND', block, { sender: 'pa@corp.example' }).header).toBe('SENDER');
  });

  it('matches both headers case-insensitively', () => {
    expect(decide('OUTBOUND', block, { sender: 'PA@Corp.Example' }).action).toBe('DROP');
    expect(decide('OUTBOUND', block, { from: 'CEO@CORP.EXAMPLE' }).action).toBe('DROP');
  });

  it('applies no rule when neither header matches', () => {
    expect(decide('OUTBOUND', block, { sender: 'a@other.test', from: 'b@other.test' })).toEqual({
      rule: undefined,
      action: 'DEFAULT',
      header: undefined,
    });
  });

  it('lets the more specific sender pattern win, whichever header it matched', () => {
    const rules = [
      outbound('domain', 'DROP', ['corp.example']),
      outbound('address', 'DEFAULT', ['ceo@corp.example']),
    ];

    expect(decide('OUTBOUND', rules, { sender: 'ceo@corp.example', from: 'pa@corp.example' })).toEqual({
      rule: 'address',
      action: 'DEFAULT',
      header: 'SENDER',
    });
    expect(decide('OUTBOUND', rules, { sender: 'pa@corp.example', from: 'ceo@corp.example' })).toEqual({
      rule: 'address',
      action: 'DEFAULT',
      header: 'FROM',
    });
  });

  it('lets the more restrictive action win when both headers match equally specific patterns', () => {
    const rules = [
      outbound('z-bounce', 'BOUNCE', ['agency.test']),
      outbound('a-default', 'DEFAULT', ['corp.example']),
    ];

    expect(decide('OUTBOUND', rules, { sender: 'pa@agency.test', from: 'ceo@corp.example' }).rule).toBe(
      'z-bounce',
    );
    expect(decide('OUTBOUND', rules, { sender: 'ceo@corp.example', from: 'pa@agency.test' }).rule).toBe(
      'z-bounce',
    );
  });

  it('lets the rule name decide when both headers match equally specific patterns of the same action', () => {
    const rules = [
      outbound('b-corp', 'DROP', ['corp.example']),
      outbound('a-agency', 'DROP', ['agency.test']),
    ];

    expect(decide('OUTBOUND', rules, { sender: 'pa@agency.test', from: 'ceo@corp.example' })).toMatchObject({
      rule: 'a-agency',
      header: 'SENDER',
    });
    expect(decide('OUTBOUND', rules, { sender: 'ceo@corp.example', from: 'pa@agency.test' })).toMatchObject({
      rule: 'a-agency',
      header: 'FROM',
    });
  });

  it('reports the Sender: header when both headers match the same pattern of the same rule', () => {
    expect(decide('OUTBOUND', block, { sender: 'pa@corp.example', from: 'ceo@corp.example' }).header).toBe(
      'SENDER',
    );
  });

  it('uses the From: match when the Sender: match does not cover this recipient', () => {
    const rules = [
      outbound('sender-to-partner', 'DROP', ['agency.test'], ['partner.test']),
      outbound('from-anywhere', 'BOUNCE', ['corp.example']),
    ];
    const message = { sender: 'pa@agency.test', from: 'ceo@corp.example' };

    expect(decide('OUTBOUND', rules, message, 'x@partner.test').rule).toBe('sender-to-partner');
    expect(decide('OUTBOUND', rules, message, 'x@rival.test')).toMatchObject({
      rule: 'from-anywhere',
      header: 'FROM',
    });
  });
});

describe('Engine: inbound rules try Sender: first, whatever From: matches', () => {
  it('keeps a Sender: match even when From: matches a more specific, more restrictive rule', () => {
    const rules = [
      rule({ name: 'any-sender', action: 'BYPASS_SPAM_CHECK', senderPatterns: ['*.agency.test'] }),
      rule({ name: 'boss', action: 'DROP', senderPatterns: ['boss@client.test'] }),
    ];

    expect(decide('INBOUND', rules, { sender: 'pa@eu.agency.test', from: 'boss@client.test' })).toEqual({
      rule: 'any-sender',
      action: 'BYPASS_SPAM_CHECK',
      header: 'SENDER',
    });
  });
});

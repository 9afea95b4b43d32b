import { ruleApplied } from '../../../lambdas/core/inbound-rules/events';

describe('ruleApplied', () => {
  it('makes the RULE_APPLIED email event of an inbound rule, recipients grouped by action in first-seen order', () => {
    const event = ruleApplied('triage', [
      { recipient: 'a@org.example', action: 'DROP' },
      { recipient: 'b@org.example', action: 'MOVE_TO_JUNK' },
      { recipient: 'c@org.example', action: 'DROP' },
    ]);

    expect(event).toEqual({
      eventType: 'RULE_APPLIED',
      ruleName: 'triage',
      ruleType: 'INBOUND_RULE',
      ruleActions: [
        { action: 'DROP', recipients: ['a@org.example', 'c@org.example'] },
        { action: 'MOVE_TO_JUNK', recipients: ['b@org.example'] },
      ],
    });
  });
});

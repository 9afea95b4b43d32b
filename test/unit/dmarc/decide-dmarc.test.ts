import {
  BYPASS_SPAM_CHECK_OVERRIDES_DMARC_QUARANTINE,
  DMARC_REJECT_ACTION,
  combineDmarcWithFlowAction,
  decideDmarc,
} from '../../../lambdas/core/dmarc';

const message = { from: 'ceo@spoofed.example', recipients: ['a@org.example', 'b@org.example'] };

describe('decideDmarc', () => {
  it.each([
    // enforced, verdict, policy, disposition, logged policy
    [true, 'FAIL', 'reject', 'DROP', 'REJECT'],
    [true, 'FAIL', 'REJECT', 'DROP', 'REJECT'],
    [true, 'FAIL', 'quarantine', 'MOVE_TO_JUNK', 'QUARANTINE'],
    [true, 'FAIL', 'none', 'DELIVER', 'NONE'],
    [true, 'FAIL', undefined, 'DELIVER', 'NONE'],
    [true, 'fail', 'reject', 'DROP', 'REJECT'],
    [true, 'PASS', 'reject', 'DELIVER', undefined],
    [true, 'GRAY', 'reject', 'DELIVER', undefined],
    [true, 'PROCESSING_FAILED', 'quarantine', 'DELIVER', undefined],
    [true, undefined, 'reject', 'DELIVER', undefined],
    [false, 'FAIL', 'reject', 'DELIVER', undefined],
    [false, 'FAIL', 'quarantine', 'DELIVER', undefined],
  ])('enforced=%s verdict=%s policy=%s → %s (logs %s)', (enforced, verdict, policy, disposition, logged) => {
    const decision = decideDmarc({ enforced, verdict, policy, ...message });

    expect(decision.disposition).toBe(disposition);
    if (logged === undefined) expect(decision.event).toBeUndefined();
    else expect(decision.event).toEqual({ eventType: 'DMARC_POLICY_APPLIED', ...message, policy: logged });
  });

  it('drops rather than bounces a rejected message', () => {
    expect(DMARC_REJECT_ACTION).toBe('DROP');
  });
});

describe('combineDmarcWithFlowAction', () => {
  it.each([
    ['DELIVER', 'DEFAULT', 'DEFAULT'],
    ['DELIVER', 'BOUNCE', 'BOUNCE'],
    ['MOVE_TO_JUNK', 'DEFAULT', 'MOVE_TO_JUNK'],
    ['MOVE_TO_JUNK', 'MOVE_TO_JUNK', 'MOVE_TO_JUNK'],
    ['MOVE_TO_JUNK', 'DROP', 'DROP'],
    ['MOVE_TO_JUNK', 'BOUNCE', 'BOUNCE'],
    [
      'MOVE_TO_JUNK',
      'BYPASS_SPAM_CHECK',
      BYPASS_SPAM_CHECK_OVERRIDES_DMARC_QUARANTINE ? 'BYPASS_SPAM_CHECK' : 'MOVE_TO_JUNK',
    ],
    ['DROP', 'BYPASS_SPAM_CHECK', 'DROP'],
    ['DROP', 'DEFAULT', 'DROP'],
  ] as const)('quarantine/reject %s with flow action %s → %s', (disposition, flow, expected) => {
    expect(combineDmarcWithFlowAction(disposition, flow)).toBe(expected);
  });
});

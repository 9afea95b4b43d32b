import { combineDmarcWithFlowAction, decideDmarc } from '../../../lambdas/core/dmarc';

// Every expectation below is a literal from /work/shared/spec/message-flow.md §10 (and requirement 19):
// reject → dropped, quarantine → Junk, none → no action, enforcement off → no action, GRAY/PROCESSING_FAILED are not
// a FAIL; DMARC reject cannot be overridden, quarantine only by an explicit BYPASS_SPAM_CHECK.
const message = { from: 'ceo@spoofed.example', recipients: ['a@org.example', 'b@org.example'] };

describe('decideDmarc', () => {
  it.each([
    // enforced, verdict, published policy, disposition, policy in DMARC_POLICY_APPLIED
    [true, 'FAIL', 'reject', 'DROP', 'REJECT'],
    [true, 'FAIL', 'REJECT', 'DROP', 'REJECT'],
    [true, 'fail', 'reject', 'DROP', 'REJECT'],
    [true, 'FAIL', 'quarantine', 'MOVE_TO_JUNK', 'QUARANTINE'],
    [true, 'FAIL', 'Quarantine', 'MOVE_TO_JUNK', 'QUARANTINE'],
    [true, 'FAIL', 'none', 'DELIVER', 'NONE'],
    [true, 'FAIL', undefined, 'DELIVER', 'NONE'],
    [true, 'FAIL', 'p=unknown', 'DELIVER', 'NONE'],
  ])(
    'enforced, verdict %s, policy %s: disposition %s and DMARC_POLICY_APPLIED with policy %s',
    (enforced, verdict, policy, disposition, logged) => {
      const decision = decideDmarc({ enforced, verdict, policy, ...message });

      expect(decision).toEqual({
        disposition,
        event: {
          eventType: 'DMARC_POLICY_APPLIED',
          from: 'ceo@spoofed.example',
          recipients: ['a@org.example', 'b@org.example'],
          policy: logged,
        },
      });
    },
  );

  it.each([
    // enforced, verdict, published policy
    [true, 'PASS', 'reject'],
    [true, 'GRAY', 'reject'],
    [true, 'PROCESSING_FAILED', 'quarantine'],
    [true, undefined, 'reject'],
    [false, 'FAIL', 'reject'],
    [false, 'FAIL', 'quarantine'],
  ])('enforced=%s, verdict %s, policy %s: delivers and logs no policy event', (enforced, verdict, policy) => {
    expect(decideDmarc({ enforced, verdict, policy, ...message })).toEqual({ disposition: 'DELIVER' });
  });

  it('logs the recipients as they were when the decision was made', () => {
    const recipients = ['a@org.example'];

    const decision = decideDmarc({
      enforced: true,
      verdict: 'FAIL',
      policy: 'reject',
      from: 'x@y.example',
      recipients,
    });
    recipients.push('late@org.example');

    expect(decision.event?.recipients).toEqual(['a@org.example']);
  });
});

describe('combineDmarcWithFlowAction', () => {
  it.each([
    // DMARC disposition, flow action, resulting action
    ['DELIVER', 'DEFAULT', 'DEFAULT'],
    ['DELIVER', 'BOUNCE', 'BOUNCE'],
    ['DELIVER', 'BYPASS_SPAM_CHECK', 'BYPASS_SPAM_CHECK'],
    ['DELIVER', 'MOVE_TO_JUNK', 'MOVE_TO_JUNK'],
    ['MOVE_TO_JUNK', 'DEFAULT', 'MOVE_TO_JUNK'],
    ['MOVE_TO_JUNK', 'MOVE_TO_JUNK', 'MOVE_TO_JUNK'],
    ['MOVE_TO_JUNK', 'DROP', 'DROP'],
    ['MOVE_TO_JUNK', 'BOUNCE', 'BOUNCE'],
    ['MOVE_TO_JUNK', 'BYPASS_SPAM_CHECK', 'BYPASS_SPAM_CHECK'],
    ['DROP', 'BYPASS_SPAM_CHECK', 'DROP'],
    ['DROP', 'DEFAULT', 'DROP'],
    ['DROP', 'BOUNCE', 'DROP'],
  ] as const)('DMARC %s combined with flow action %s gives %s', (disposition, flow, expected) => {
    expect(combineDmarcWithFlowAction(disposition, flow)).toBe(expected);
  });
});

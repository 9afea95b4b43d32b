import type { LambdaEvent } from '../../../lambdas/core/flow-lambda';
import type { ContentLocation } from '../../../lambdas/core/message-flow';
import { A, ARN, exclusivity, input, setup, target } from './decider-harness';

const scan = {
  name: 'scan',
  action: 'RUN_LAMBDA',
  lambdaArn: ARN,
  synchronous: true,
  fallbackAction: 'MOVE_TO_JUNK',
  ruleTimeoutMinutes: 1,
} as const;
const deliverAll = { actions: [{ action: { type: 'DEFAULT' }, allRecipients: true }] };
const ORIGINAL: ContentLocation = { bucket: 'inbound', key: 'incoming/ses-1' };

/** A test harness whose function puts `replacement` (as PutRawMessageContent would) before answering. */
async function replacing(replacement: ContentLocation | undefined) {
  const harness = setup({ 'm-a': A });
  await harness.add(scan);
  harness.responses.push(async (event: LambdaEvent) => {
    if (replacement) await harness.inFlight.putContent(event.messageId, replacement);
    return deliverAll;
  });
  const result = await harness.decider.decide(input([target('x')]), exclusivity());
  const [applied] = harness.logger.events('RULE_APPLIED');
  return { ...harness, result, lambda: applied?.lambda };
}

describe('runLambdaRules (through FlowRuleDecider)', () => {
  it('registers the message for the Message Flow API as inbound, for its mailboxes and original object', async () => {
    const { inFlight, calls } = await replacing(undefined);

    const [record] = [...inFlight.records.values()];
    expect(record).toMatchObject({ direction: 'INBOUND', mailboxIds: ['x'], original: ORIGINAL });
    expect(calls[0]?.event.messageId).toBe(record?.messageId);
  });

  it('delivers the original when the function put no content, and logs a synchronous rule without replacement', async () => {
    const { result, lambda } = await replacing(undefined);

    expect(result.decisions).toEqual([{ action: 'DELIVER', folder: 'INBOX' }]);
    expect(lambda).toEqual({
      synchronous: true,
      source: 'RESPONSE',
      attempts: 1,
      contentReplaced: false,
      ignored: [],
    });
  });

  it.each([
    ['a new object', { bucket: 'inbound', key: 'replacements/m-a/1' }],
    ['a new version of the original object', { ...ORIGINAL, objectVersion: 'v2' }],
    ['the same key in another bucket', { bucket: 'elsewhere', key: ORIGINAL.key }],
  ])('delivers the content the function put while its rule was pending: %s', async (_name, replacement) => {
    const { result, lambda } = await replacing(replacement);

    expect(result.decisions).toEqual([{ action: 'DELIVER', folder: 'INBOX', content: replacement }]);
    expect(lambda).toMatchObject({ contentReplaced: true });
  });

  it('goes on deciding when the Message Flow record disappears during a rule (its mailbox destroyed)', async () => {
    const { decider, add, responses, inFlight } = setup({ 'm-a': A });
    await add({ ...scan, destinationPatterns: ['x@m-a.example'] });
    await add({ ...scan, name: 'scan-y', destinationPatterns: ['y@m-a.example'] });
    responses.push(async () => {
      inFlight.records.clear();
      return deliverAll;
    }, deliverAll);

    const result = await decider.decide(input([target('x'), target('y')]), exclusivity());

    expect(result.decisions).toEqual([
      { action: 'DELIVER', folder: 'INBOX' },
      { action: 'DELIVER', folder: 'INBOX' },
    ]);
  });

  it('names the rule and its fallback when the decision deadline passed before the rule was reached', async () => {
    const { make, add, calls, logger } = setup({ 'm-a': A });
    await add(scan);

    const result = await make(0).decide(input([target('x')]), exclusivity());

    expect(calls).toHaveLength(0);
    expect(result.decisions).toEqual([{ action: 'DELIVER', folder: 'JUNK_EMAIL' }]);
    expect(logger.lines.find((line) => line.message.includes('not invoked'))?.attributes).toEqual({
      messageId: 'ses-1',
      organizationId: 'm-a',
      ruleName: 'scan',
      fallbackAction: 'MOVE_TO_JUNK',
    });
  });

  it.each([
    // A 1-minute rule may start its last attempt at 60 s, and an attempt may take 15 s.
    [61_000, 'DECISION_DEADLINE_REACHED'],
    [75_000, undefined],
  ])(
    'explains a fallback under a %i ms budget by the deadline only when it cut the rule short',
    async (budgetMs, reason) => {
      const { make, add, responses, logger } = setup({ 'm-a': A }, 8_000);
      await add(scan);
      responses.push(...Array.from({ length: 20 }, () => new Error('down')));

      await make(budgetMs).decide(input([target('x')]), exclusivity());

      const lambda = logger.events('RULE_APPLIED')[0]?.lambda as Record<string, unknown>;
      expect(lambda.source).toBe('FALLBACK');
      expect(lambda.reason).toBe(reason);
    },
  );

  it('gives no deadline reason when the function answered within a cut-short window', async () => {
    const { make, add, responses, logger } = setup({ 'm-a': A });
    await add(scan);
    responses.push(deliverAll);

    await make(61_000).decide(input([target('x')]), exclusivity());

    expect(logger.events('RULE_APPLIED')[0]?.lambda).not.toHaveProperty('reason');
  });
});

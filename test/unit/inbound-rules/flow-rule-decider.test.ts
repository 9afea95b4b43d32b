import { A, ARN, exclusivity, input, setup, target } from './decider-harness';

const scan = { name: 'scan', action: 'RUN_LAMBDA', lambdaArn: ARN, synchronous: true } as const;
const answer = (type: string, fields: Record<string, unknown> = { allRecipients: true }) => ({
  actions: [{ action: { type }, ...fields }],
});

describe('FlowRuleDecider', () => {
  it('applies DMARC to the From: address and names it in the event, else to the envelope sender', async () => {
    const { decider, logger } = setup({ 'm-a': A });
    const quarantine = { dmarc: 'FAIL', dmarcPolicy: 'QUARANTINE' } as const;

    await decider.decide(input([target('x')], quarantine), exclusivity());
    await decider.decide(input([target('x')], quarantine, { from: undefined }), exclusivity());

    expect(logger.events('DMARC_POLICY_APPLIED').map((event) => event.from)).toEqual([
      'sender@remote.example',
      'bounce@remote.example',
    ]);
  });

  it('gives the function the From: address as mail from, else the envelope sender, and an empty subject if none', async () => {
    const { decider, add, responses, calls } = setup({ 'm-a': A });
    await add(scan);
    responses.push(answer('DEFAULT'), answer('DEFAULT'));

    await decider.decide(input([target('x')]), exclusivity());
    await decider.decide(
      input([target('x')], {}, { from: undefined, sender: 'agent@remote.example', subject: undefined }),
      exclusivity(),
    );

    expect(calls.map((call) => [call.event.envelope.mailFrom.address, call.event.subject])).toEqual([
      ['sender@remote.example', 'Hi'],
      ['bounce@remote.example', ''],
    ]);
  });

  it('delivers recipients a function adds, lower-cased, to Junk under a DMARC quarantine', async () => {
    const { decider, add, responses } = setup({ 'm-a': A });
    await add(scan);
    responses.push({
      actions: [
        { action: { type: 'DEFAULT' }, allRecipients: true },
        { action: { type: 'BYPASS_SPAM_CHECK' }, recipients: ['Boss@M-A.example'] },
        { action: { type: 'MOVE_TO_JUNK' }, recipients: ['audit@m-a.example'] },
      ],
    });

    const result = await decider.decide(
      input([target('x')], { dmarc: 'FAIL', dmarcPolicy: 'QUARANTINE' }),
      exclusivity(),
    );

    expect(result.decisions).toEqual([{ action: 'DELIVER', folder: 'JUNK_EMAIL' }]);
    expect(result.added).toEqual([
      {
        address: 'boss@m-a.example',
        organizationId: 'm-a',
        decision: { action: 'DELIVER', folder: 'INBOX' },
      },
      {
        address: 'audit@m-a.example',
        organizationId: 'm-a',
        decision: { action: 'DELIVER', folder: 'JUNK_EMAIL' },
      },
    ]);
  });

  it('puts the recipients a function adds by the spam verdict when it gives them the default action', async () => {
    const { decider, add, responses } = setup({ 'm-a': A });
    await add(scan);
    responses.push({
      actions: [
        { action: { type: 'DEFAULT' }, allRecipients: true },
        { action: { type: 'DEFAULT' }, recipients: ['boss@m-a.example'] },
      ],
    });

    const result = await decider.decide(input([target('x')], { spam: 'FAIL' }), exclusivity());

    expect(result.added?.map((added) => added.decision)).toEqual([
      { action: 'DELIVER', folder: 'JUNK_EMAIL' },
    ]);
  });

  it('marks every Message Flow record of a message delivered once it is delivered', async () => {
    const { decider, add, responses, inFlight } = setup({ 'm-a': A, 'm-b': A });
    await add(scan);
    await add({ ...scan, organizationId: 'm-b' });
    responses.push(answer('DEFAULT'), answer('DEFAULT'));

    const result = await decider.decide(input([target('x'), target('y', 'm-b')]), exclusivity());
    await result.afterDelivery?.();

    expect([...inFlight.records.values()].map((record) => [record.organizationId, record.state])).toEqual([
      ['m-a', 'DELIVERED'],
      ['m-b', 'DELIVERED'],
    ]);
  });
});

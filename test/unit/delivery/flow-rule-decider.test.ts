import { MAX_BOUNCE_TEXT_CHARS, organizationSettingsLookup } from '../../../lambdas/core/inbound-rules';
import { A, ARN, exclusivity, input, setup, target } from '../inbound-rules/decider-harness';

describe('FlowRuleDecider', () => {
  it('decides each organization of a message with its own rules and DMARC setting', async () => {
    const { decider, add, logger } = setup({ 'm-a': A, 'm-b': { dmarcEnforced: false, domains: [] } });
    await add({ name: 'drop-all', action: 'DROP' });

    const control = exclusivity();
    const result = await decider.decide(
      input([target('x'), target('y', 'm-b'), target('z', 'm-c')], {
        dmarc: 'FAIL',
        dmarcPolicy: 'QUARANTINE',
      }),
      control,
    );

    expect(result.decisions).toEqual([
      { action: 'DROP', reason: 'flow rule drop-all' },
      { action: 'DELIVER', folder: 'INBOX' },
      { action: 'DELIVER', folder: 'JUNK_EMAIL' },
    ]);
    expect(logger.events('DMARC_POLICY_APPLIED').map((event) => event.organizationId)).toEqual([
      'm-a',
      'm-c',
    ]);
    expect(result.retainRaw).toBe(false);
    expect(control.requests).toBe(0);
    expect(result.alongside).toBeUndefined();
    expect(result.afterDelivery).toBeUndefined();
  });

  it('lets BYPASS_SPAM_CHECK override a DMARC quarantine while DEFAULT recipients go to Junk', async () => {
    const { decider, add } = setup({ 'm-a': A });
    await add({ name: 'vip', action: 'BYPASS_SPAM_CHECK', destinationPatterns: ['x@m-a.example'] });

    const result = await decider.decide(
      input([target('x'), target('y')], { dmarc: 'FAIL', dmarcPolicy: 'quarantine' }),
      exclusivity(),
    );

    expect(result.decisions).toEqual([
      { action: 'DELIVER', folder: 'INBOX' },
      { action: 'DELIVER', folder: 'JUNK_EMAIL' },
    ]);
  });

  it('caps a synchronous rule timeout with the decision budget, and the bounce text of a response', async () => {
    const { make, add, responses, calls, inFlight } = setup({ 'm-a': A });
    await add({
      name: 'scan',
      action: 'RUN_LAMBDA',
      lambdaArn: ARN,
      synchronous: true,
      fallbackAction: 'BOUNCE',
      ruleTimeoutMinutes: 240,
    });
    responses.push(new Error('down'));

    const fallback = await make(1).decide(input([target('x')]), exclusivity());

    expect(calls).toHaveLength(1);
    expect(fallback.decisions).toEqual([{ action: 'BOUNCE' }]);
    responses.push({
      actions: [
        { action: { type: 'BOUNCE', parameters: { bounceMessage: 'n'.repeat(600) } }, allRecipients: true },
      ],
    });
    const answered = await make(1).decide(input([target('x')]), exclusivity());
    expect(answered.decisions).toEqual([{ action: 'BOUNCE', message: 'n'.repeat(MAX_BOUNCE_TEXT_CHARS) }]);
    expect(answered.retainRaw).toBe(true);
    const [record] = [...inFlight.records.values()];
    expect(record?.original).toEqual({ bucket: 'inbound', key: 'incoming/ses-1' });
    await answered.afterDelivery?.();
    expect([...inFlight.records.values()].map((r) => r.state)).toEqual(['IN_TRANSIT', 'DELIVERED']);
  });

  it('gives later synchronous rules their fallback, uninvoked, once the decision budget is spent', async () => {
    const { make, add, responses, calls, logger, now } = setup({ 'm-a': A }, 15_000);
    const sync = { action: 'RUN_LAMBDA', synchronous: true, ruleTimeoutMinutes: 5 } as const;
    await add({
      ...sync,
      name: 'scan-x',
      lambdaArn: ARN,
      fallbackAction: 'BOUNCE',
      destinationPatterns: ['x@m-a.example'],
    });
    await add({
      ...sync,
      name: 'scan-y',
      lambdaArn: `${ARN}-y`,
      fallbackAction: 'MOVE_TO_JUNK',
      destinationPatterns: ['y@m-a.example'],
    });
    responses.push(...Array.from({ length: 20 }, () => new Error('hangs')));
    const budgetMs = 4 * 60_000;

    const result = await make(budgetMs).decide(input([target('x'), target('y')]), exclusivity());

    expect(result.decisions).toEqual([{ action: 'BOUNCE' }, { action: 'DELIVER', folder: 'JUNK_EMAIL' }]);
    expect(now()).toBeLessThanOrEqual(budgetMs);
    expect(calls.every((call) => call.arn === ARN)).toBe(true);
    expect(calls.map((call) => call.at)).toEqual([0, 16, 33, 52, 75, 106, 153, 232].map((s) => s * 1000));
    expect(calls.at(-1)?.options.timeoutMs).toBe(8_000);
    expect(logger.events('RULE_APPLIED')).toEqual([
      expect.objectContaining({
        ruleName: 'scan-x',
        ruleActions: [{ action: 'BOUNCE', recipients: ['x@m-a.example'] }],
        lambda: expect.objectContaining({
          source: 'FALLBACK',
          attempts: 8,
          reason: 'DECISION_DEADLINE_REACHED',
        }),
      }),
      expect.objectContaining({
        ruleName: 'scan-y',
        ruleActions: [{ action: 'MOVE_TO_JUNK', recipients: ['y@m-a.example'] }],
        lambda: expect.objectContaining({
          source: 'FALLBACK',
          attempts: 0,
          reason: 'DECISION_DEADLINE_PASSED',
        }),
      }),
    ]);
    expect(logger.lines.map((line) => line.message)).toContain(
      'Synchronous flow-rule Lambda not invoked: decision deadline passed',
    );
  });

  it('runs a synchronous rule that fits the decision budget exactly as without one', async () => {
    const runs = await Promise.all(
      [undefined, 4 * 60_000].map(async (budgetMs) => {
        const { make, add, responses, calls, logger } = setup({ 'm-a': A });
        await add({
          name: 'scan',
          action: 'RUN_LAMBDA',
          lambdaArn: ARN,
          synchronous: true,
          fallbackAction: 'BOUNCE',
          ruleTimeoutMinutes: 1,
        });
        responses.push(...Array.from({ length: 10 }, () => new Error('down')));
        const result = await make(budgetMs).decide(input([target('x')]), exclusivity());
        return { result, calls, logger };
      }),
    );

    const [unbounded, bounded] = runs;
    expect(bounded?.result.decisions).toEqual([{ action: 'BOUNCE' }]);
    expect(bounded?.calls.map((call) => [call.at, call.options.timeoutMs])).toEqual(
      unbounded?.calls.map((call) => [call.at, call.options.timeoutMs]),
    );
    expect(bounded?.calls).toHaveLength(6);
    expect(bounded?.logger.events('RULE_APPLIED')[0]?.lambda).toEqual(
      unbounded?.logger.events('RULE_APPLIED')[0]?.lambda,
    );
    expect(bounded?.logger.events('RULE_APPLIED')[0]?.lambda).not.toHaveProperty('reason');
  });

  it('starts asynchronous rules only when asked to run them alongside delivery', async () => {
    const { decider, add, calls, logger } = setup({ 'm-a': A });
    await add({ name: 'archive', action: 'RUN_LAMBDA', lambdaArn: ARN });

    const control = exclusivity();
    const result = await decider.decide(input([target('x')]), control);

    expect(control.requests).toBe(1);
    expect(result.decisions).toEqual([{ action: 'DELIVER', folder: 'INBOX' }]);
    expect(calls).toHaveLength(0);
    await result.alongside?.();
    expect(calls.map((call) => call.options.synchronous)).toEqual([false]);
    expect(calls[0]?.event.envelope.recipients).toEqual([{ address: 'x@m-a.example' }]);
    expect(logger.events('RULE_APPLIED')).toEqual([
      expect.objectContaining({
        ruleName: 'archive',
        ruleActions: [{ action: 'DEFAULT', recipients: ['x@m-a.example'] }],
        lambda: { synchronous: false },
      }),
    ]);
  });

  it('invokes no function and opens no Message Flow record when exclusivity is refused', async () => {
    const { make, add, calls, inFlight } = setup({ 'm-a': A });
    await add({
      name: 'scan',
      action: 'RUN_LAMBDA',
      lambdaArn: ARN,
      synchronous: true,
      fallbackAction: 'BOUNCE',
    });
    const refused = {
      exclusive: async () => {
        throw new Error('another attempt decides');
      },
    };

    await expect(make(1).decide(input([target('x')]), refused)).rejects.toThrow('another attempt decides');

    expect(calls).toHaveLength(0);
    expect(inFlight.records.size).toBe(0);
  });

  it('leaves delivery to the spam verdict when no rule matches, without opening a Message Flow record', async () => {
    const { decider, inFlight, logger } = setup({ 'm-a': A });

    const control = exclusivity();
    const result = await decider.decide(input([target('x')], { spam: 'FAIL' }), control);

    expect(result.decisions).toEqual([{ action: 'DELIVER', folder: 'JUNK_EMAIL' }]);
    expect(control.requests).toBe(0);
    expect(inFlight.records.size).toBe(0);
    expect(logger.events('RULE_APPLIED')).toEqual([]);
  });
});

describe('organizationSettingsLookup', () => {
  it('reads the DMARC flag and every page of verified mail domains', async () => {
    const verified = { ownershipVerificationStatus: 'VERIFIED' };
    const pages = [
      { items: [{ domainName: 'A.example', ...verified }], cursor: 'next' },
      { items: [{ domainName: 'b.example', ...verified }] },
    ];
    const lookup = organizationSettingsLookup({
      getOrganization: async (id) => (id === 'm-a' ? ({ dmarcEnforced: false } as never) : undefined),
      listMailDomains: async () => pages.shift() as never,
    });

    expect(await lookup.settings('m-a')).toEqual({
      dmarcEnforced: false,
      domains: ['a.example', 'b.example'],
    });
    expect(await lookup.settings('m-missing')).toBeUndefined();
  });

  it('leaves out domains whose ownership is not verified, which another organization may hold', async () => {
    const lookup = organizationSettingsLookup({
      getOrganization: async () => ({ dmarcEnforced: true }) as never,
      listMailDomains: async () =>
        ({
          items: [
            { domainName: 'pending.example', ownershipVerificationStatus: 'PENDING' },
            { domainName: 'failed.example', ownershipVerificationStatus: 'FAILED' },
            { domainName: 'ours.example', ownershipVerificationStatus: 'VERIFIED' },
          ],
        }) as never,
    });

    expect(await lookup.settings('m-a')).toEqual({ dmarcEnforced: true, domains: ['ours.example'] });
  });
});

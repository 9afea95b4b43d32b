import { migrationPlan, planMarkdown } from '../../../lambdas/core/migration';
import { smallInventory } from './doubles';

describe('migrationPlan', () => {
  it('counts what moves, sums mailbox sizes and estimates the time under stated assumptions', () => {
    const plan = migrationPlan(smallInventory(), { megabytesPerSecond: 2, callsPerSecond: 10 });

    expect(plan.moves).toMatchObject({
      domains: 1,
      users: 2,
      groups: 1,
      resources: 1,
      aliases: 2,
      mailboxes: 2,
    });
    expect(plan.mailboxes).toEqual([
      { address: 'ana@acme.example', megabytes: 12 },
      { address: 'room@acme.example', megabytes: 0 },
    ]);
    expect(plan.estimate.megabytes).toBe(12);
    expect(plan.estimate.seconds).toBe(Math.ceil(plan.estimate.directoryCalls / 10 + 12 / 2));
  });

  it('writes a Markdown report with what does not move and why', () => {
    const inventory = smallInventory({
      notMoved: [{ what: 'Email flow rules', why: 'console only', how: 'CreateEmailFlowRule' }],
    });

    const markdown = planMarkdown(migrationPlan(inventory));

    expect(markdown).toContain('# Migration plan: acme (m-source)');
    expect(markdown).toContain('| users | 2 |');
    expect(markdown).toContain('| Email flow rules | console only | CreateEmailFlowRule |');
    expect(markdown).toMatch(/Mailbox data: 12 MB in 2 mailboxes/);
  });
});

import { submit } from '../../../lambdas/core/sending';
import { ANA, message, sendingSetup } from './harness';

// The harness's limits: 3 outside recipients per user, 5 per deployment, 2 recipients from a test domain, per day.
describe('Sending: daily limits', () => {
  let t: ReturnType<typeof sendingSetup>;
  let sequence = 0;
  const send = (raw: Buffer, user = ANA) =>
    submit(t.deps, { user, mailboxId: user.userId, raw, submissionId: `s${(sequence += 1)}` });
  const outside = (count: number) =>
    Array.from({ length: count }, (_, index) => `r${sequence}-${index}@outside.example`).join(', ');

  beforeEach(() => {
    t = sendingSetup();
  });

  it('refuses a user’s message that would pass their daily outside recipients, and sends nothing of it', async () => {
    await send(message('From: ana@example.com', `To: ${outside(2)}`));

    const refused = await send(message('From: ana@example.com', `To: ${outside(2)}`));

    expect(refused).toEqual({
      ok: false,
      refusal: { type: 'forbiddenToSend', limit: 'externalRecipientsPerUserPerDay' },
    });
    expect(t.sent).toHaveLength(1);
  });

  it('does not count colleagues towards the outside limits', async () => {
    const outcome = await send(message('From: ana@example.com', `To: ${outside(3)}, ben@example.com`));

    expect(outcome.ok).toBe(true);
  });

  it("counts another organization's recipients as outside and sends them out, so its inbound rules apply", async () => {
    const refused = await send(message('From: ana@example.com', `To: ${outside(3)}, carl@other.example`));
    const sent = await send(message('From: ana@example.com', 'To: carl@other.example'));

    expect(refused).toMatchObject({ ok: false, refusal: { type: 'forbiddenToSend' } });
    expect(sent.ok).toBe(true);
    expect(t.sent.at(-1)?.recipients).toEqual(['carl@other.example']);
  });

  it('refuses once the deployment’s daily outside recipients are used, whoever sends', async () => {
    t.add('ben@example.com', { entityId: 'ben' });
    const ben = { organizationId: ANA.organizationId, userId: 'ben', email: 'ben@example.com' };
    await send(message('From: ana@example.com', `To: ${outside(3)}`));

    const refused = await send(message('From: ben@example.com', `To: ${outside(3)}`), ben);

    expect(refused).toEqual({
      ok: false,
      refusal: { type: 'forbiddenToSend', limit: 'externalRecipientsPerAccountPerDay' },
    });
    expect(t.counters.current('USER#m-org#ben#2027-01-15')).toBe(0);
  });

  it('counts every recipient of mail from a test domain, colleagues included', async () => {
    const from = 'From: ana@acme.test.mailwright.test';
    await send(message(from, 'To: ben@example.com'));

    const refused = await send(message(from, 'To: ben@example.com, ana@example.com'));

    expect(refused).toEqual({
      ok: false,
      refusal: { type: 'forbiddenToSend', limit: 'testDomainRecipientsPerAccountPerDay' },
    });
  });
});

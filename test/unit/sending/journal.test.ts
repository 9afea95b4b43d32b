import { submit } from '../../../lambdas/core/sending';
import type { JournaledMessage } from '../../../lambdas/core/journaling/journal-recorder';
import { ANA, message, sendingSetup } from './harness';

describe('Sending: journaling', () => {
  let t: ReturnType<typeof sendingSetup>;
  let records: JournaledMessage[];
  let failJournal: Error | undefined;
  const send = (raw: Buffer, envelope?: { mailFrom: string; rcptTo: string[] }) =>
    submit(
      {
        ...t.deps,
        journal: {
          journals: async (organizationId) => organizationId === 'm-org',
          record: async (journaled) => {
            if (failJournal) throw failJournal;
            records.push(journaled);
          },
        },
      },
      { user: ANA, mailboxId: 'ana', raw, submissionId: 'sub1', envelope },
    );

  beforeEach(() => {
    t = sendingSetup();
    records = [];
    failJournal = undefined;
  });

  it('journals a sent message once, naming every recipient (Bcc included) and attaching the copy without Bcc', async () => {
    const outcome = await send(
      message(
        'From: ana@example.com',
        'To: olga@outside.example',
        'Cc: ben@example.com',
        'Bcc: secret@outside.example',
      ),
    );

    expect(outcome).toMatchObject({ ok: true });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      direction: 'outbound',
      organizationId: 'm-org',
      messageId: 'sub1',
      envelopeFrom: 'ana@example.com',
      recipients: [
        { address: 'olga@outside.example', inOrganization: false },
        { address: 'ben@example.com', inOrganization: true },
        { address: 'secret@outside.example', inOrganization: false },
      ],
    });
    expect(records[0].raw.toString()).not.toMatch(/^Bcc:/im);
    expect(records[0].raw.equals(t.sent[0].raw)).toBe(true);
  });

  it('removes a forged X-WM-Journal-Report from what recipients, colleagues and the Sent Items copy get', async () => {
    await send(
      message(
        'From: ana@example.com',
        'X-WM-Journal-Report: v=1; id=jforged',
        'To: olga@outside.example, ben@example.com',
      ),
    );

    expect(t.sent[0].raw.toString()).not.toMatch(/X-WM-Journal-Report/i);
    for (const delivery of t.delivered) expect(delivery.raw.toString()).not.toMatch(/X-WM-Journal-Report/i);
    expect(t.delivered.length).toBeGreaterThan(1);
    expect(records[0].raw.toString()).not.toMatch(/X-WM-Journal-Report/i);
  });

  it("names the members of the organization's groups the message reached, with the group as Expanded", async () => {
    t.add('team@example.com', { entityId: 'team', kind: 'GROUP' });
    t.members.set('team', [
      { organizationId: 'm-org', entityId: 'ben', kind: 'USER', state: 'ENABLED', email: 'ben@example.com' },
    ]);

    await send(message('From: ana@example.com', 'To: team@example.com'));

    expect(records[0].recipients).toEqual([
      { address: 'ben@example.com', expandedFrom: 'team@example.com', inOrganization: true },
    ]);
  });

  it('journals nothing when the organization does not journal', async () => {
    const outcome = await submit(
      {
        ...t.deps,
        journal: { journals: async () => false, record: async (journaled) => void records.push(journaled) },
      },
      {
        user: ANA,
        mailboxId: 'ana',
        raw: message('From: ana@example.com', 'To: ben@example.com'),
        submissionId: 's2',
      },
    );
    expect(outcome).toMatchObject({ ok: true });
    expect(records).toEqual([]);
  });

  it('journals nothing for a sender who may not send, or beyond the sending limits', async () => {
    await send(message('From: boss@outside.example', 'To: olga@outside.example'));
    const over = await send(
      message('From: ana@example.com', 'To: a@o.example, b@o.example, c@o.example, d@o.example'),
    );

    expect(over).toMatchObject({ ok: false, refusal: { type: 'forbiddenToSend' } });
    expect(records).toEqual([]);
  });

  it('does not count its record against the sending limits', async () => {
    await send(message('From: ana@example.com', 'To: a@o.example, b@o.example, c@o.example'));
    expect(records).toHaveLength(1);
    expect(t.sent).toHaveLength(1);
    const next = await send(message('From: ana@example.com', 'To: d@o.example'));
    expect(next).toMatchObject({ ok: false, refusal: { type: 'forbiddenToSend' } });
  });

  it('sends nothing and gives the limits back when the record cannot be kept', async () => {
    failJournal = new Error('outbox unavailable');
    await expect(
      send(message('From: ana@example.com', 'To: a@o.example, b@o.example, c@o.example')),
    ).rejects.toThrow('outbox unavailable');
    expect(t.sent).toEqual([]);
    failJournal = undefined;
    await expect(
      send(message('From: ana@example.com', 'To: a@o.example, b@o.example, c@o.example')),
    ).resolves.toMatchObject({
      ok: true,
    });
  });
});

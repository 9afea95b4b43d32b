import { beforeEach, describe, expect, it } from '@jest/globals';
import { submit } from '../../../lambdas/core/sending';
import { ANA, ORG, message, sendingSetup } from './harness';

describe('Sending: messages Mailwright writes for a mailbox (calendar scheduling)', () => {
  let t: ReturnType<typeof sendingSetup>;
  const ROOM = { organizationId: ORG, userId: 'room', email: 'room@example.com' };

  beforeEach(() => {
    t = sendingSetup();
    t.add('room@example.com', { entityId: 'room', kind: 'RESOURCE' });
  });

  it("sends a resource's answer from its own address without any send right", async () => {
    const outcome = await submit(t.deps, {
      user: ROOM,
      mailboxId: 'room',
      raw: message('From: room@example.com', 'To: olga@outside.example'),
      submissionId: 'r1',
      forMailbox: true,
    });

    expect(outcome).toMatchObject({ ok: true, value: { sendRight: 'OWNER' } });
    expect(t.sent[0]!.raw.toString()).not.toMatch(/^Sender:/im);
  });

  it('names the user who caused it in Sender: when they act for another mailbox', async () => {
    const outcome = await submit(t.deps, {
      user: ANA,
      mailboxId: 'room',
      raw: message('From: room@example.com', 'To: olga@outside.example'),
      submissionId: 'r2',
      forMailbox: true,
    });

    expect(outcome.ok).toBe(true);
    expect(t.sent[0]!.raw.toString()).toMatch(/^Sender: ana@example.com\r$/m);
  });

  it("refuses a From: that is not the mailbox's own address", async () => {
    const outcome = await submit(t.deps, {
      user: ROOM,
      mailboxId: 'room',
      raw: message('From: ben@example.com', 'To: olga@outside.example'),
      submissionId: 'r3',
      forMailbox: true,
    });

    expect(outcome).toEqual({ ok: false, refusal: { type: 'forbiddenFrom' } });
    expect(t.sent).toEqual([]);
  });

  it('keeps no Sent Items copy when asked not to', async () => {
    const outcome = await submit(t.deps, {
      user: ANA,
      mailboxId: 'ana',
      raw: message('From: ana@example.com', 'To: ben@example.com'),
      submissionId: 'r4',
      sentCopy: false,
    });

    expect(outcome.ok && outcome.value.sentCopyId).toBeUndefined();
    expect(t.copyIn('ana', 'SENT_ITEMS')).toBeUndefined();
    expect(t.copyIn('ben')).toBeDefined();
  });
});

describe('Sending: mail delivered to colleagues goes to calendar scheduling', () => {
  it('offers each colleague’s copy once, and keeps the delivery when scheduling fails', async () => {
    const t = sendingSetup();
    const offered: string[] = [];
    const deps = {
      ...t.deps,
      scheduling: {
        received: async (mail: { target: { mailboxId: string } }) => {
          offered.push(mail.target.mailboxId);
          throw new Error('calendar down');
        },
      },
    };

    const outcome = await submit(deps, {
      user: ANA,
      mailboxId: 'ana',
      raw: message('From: ana@example.com', 'To: ben@example.com, olga@outside.example'),
      submissionId: 's1',
    });

    expect(outcome.ok).toBe(true);
    expect(offered).toEqual(['ben']);
    expect(t.copyIn('ben')).toBeDefined();
    expect(t.logger.events('calendar scheduling failed; the message is delivered')).toEqual([
      { messageId: 'Ds1', error: 'Error' },
    ]);
  });
});

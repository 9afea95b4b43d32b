import { OutboundSendError, submit } from '../../../lambdas/core/sending';
import { ANA, ARN, ORG, message, sendingSetup } from './harness';

describe('Sending: submit', () => {
  let t: ReturnType<typeof sendingSetup>;
  const send = (raw: Buffer, envelope?: { mailFrom: string; rcptTo: string[] }) =>
    submit(t.deps, { user: ANA, mailboxId: 'ana', raw, submissionId: 'sub1', envelope });

  beforeEach(() => {
    t = sendingSetup();
  });

  describe('the From: address', () => {
    it('lets a user send from their primary address and from an alias, as owner', async () => {
      const primary = await send(message('From: Ana <ana@example.com>', 'To: olga@outside.example'));
      const alias = await send(message('From: ana.alias@example.com', 'To: olga@outside.example'));

      expect(primary).toMatchObject({ ok: true, value: { sendRight: 'OWNER' } });
      expect(alias).toMatchObject({ ok: true, value: { sendRight: 'OWNER' } });
    });

    it('refuses an address the user holds no send permission on', async () => {
      t.add('support@example.com', { entityId: 'support', kind: 'RESOURCE' });

      const outcome = await send(message('From: support@example.com', 'To: olga@outside.example'));

      expect(outcome).toEqual({ ok: false, refusal: { type: 'forbiddenFrom' } });
      expect(t.sent).toEqual([]);
      expect(t.delivered).toEqual([]);
    });

    it('refuses an address outside the deployment, a message without From: and one with two From: addresses', async () => {
      const outside = await send(message('From: boss@outside.example', 'To: ben@example.com'));
      const none = await send(message('To: ben@example.com'));
      const two = await send(message('From: ana@example.com, ben@example.com', 'To: olga@outside.example'));

      for (const outcome of [outside, none, two])
        expect(outcome).toEqual({ ok: false, refusal: { type: 'forbiddenFrom' } });
    });

    it('refuses an owner message whose Sender: names someone else', async () => {
      const outcome = await send(
        message('From: ana@example.com', 'Sender: ben@example.com', 'To: olga@outside.example'),
      );

      expect(outcome).toEqual({ ok: false, refusal: { type: 'forbiddenFrom' } });
    });

    it('sends as a mailbox with SEND_AS without any trace of the delegate', async () => {
      t.add('support@example.com', { entityId: 'support', kind: 'RESOURCE' });
      t.grants.set('ana/support', 'SEND_AS');

      const outcome = await send(
        message('From: support@example.com', 'Sender: ana@example.com', 'To: olga@outside.example'),
      );

      expect(outcome).toMatchObject({ ok: true, value: { sendRight: 'SEND_AS' } });
      const raw = t.sent[0].raw.toString();
      expect(raw).toMatch(/^From: support@example.com\r$/m);
      expect(raw).not.toMatch(/^Sender:/im);
      expect(raw).not.toContain('ana@example.com');
      expect(t.sent[0].envelopeFrom).toBe('support@example.com');
    });

    it('sends on behalf of a mailbox with Sender: set to the delegate, replacing any the client wrote', async () => {
      t.add('sales@example.com', { entityId: 'sales', kind: 'GROUP' });
      t.grants.set('ana/sales', 'SEND_ON_BEHALF');

      const outcome = await send(
        message('From: sales@example.com', 'Sender: someone@example.com', 'To: olga@outside.example'),
      );

      expect(outcome).toMatchObject({ ok: true, value: { sendRight: 'SEND_ON_BEHALF' } });
      const raw = t.sent[0].raw.toString();
      expect(raw.match(/^Sender: .*$/gim)).toEqual(['Sender: ana@example.com']);
      expect(t.sent[0].envelopeFrom).toBe('ana@example.com');
    });
  });

  describe('the envelope', () => {
    it('derives RCPT TO from To, Cc and Bcc, once each, and keeps Bcc out of every transmitted copy', async () => {
      const outcome = await send(
        message(
          'From: ana@example.com',
          'To: Olga <olga@outside.example>, ben@example.com',
          'Cc: OLGA@outside.example',
          'Bcc: secret@outside.example,',
          ' hidden@example.com',
        ),
      );

      expect(outcome).toMatchObject({
        ok: true,
        value: {
          envelope: {
            mailFrom: 'ana@example.com',
            rcptTo: [
              'olga@outside.example',
              'ben@example.com',
              'secret@outside.example',
              'hidden@example.com',
            ],
          },
        },
      });
      expect(t.sent[0].recipients).toEqual(['olga@outside.example', 'secret@outside.example']);
      expect(t.sent[0].raw.toString()).not.toMatch(/^Bcc:|hidden@|secret@/im);
      expect(t.copyIn('ben')).not.toMatch(/^Bcc:|hidden@|secret@/im);
      expect(t.copyIn('ana', 'SENT_ITEMS')).toMatch(
        /^Bcc: secret@outside.example,\r\n hidden@example.com\r$/m,
      );
    });

    it('uses the envelope the client gives, whatever the headers say', async () => {
      const outcome = await send(message('From: ana@example.com', 'To: olga@outside.example'), {
        mailFrom: 'ana.alias@example.com',
        rcptTo: ['ben@example.com'],
      });

      expect(outcome).toMatchObject({ ok: true, value: { recipients: [{ recipient: 'ben@example.com' }] } });
      expect(t.sent).toEqual([]);
      expect(t.copyIn('ben')).toBeDefined();
    });

    it('refuses a MAIL FROM that is neither the From: address nor the user’s own', async () => {
      const outcome = await send(message('From: ana@example.com', 'To: olga@outside.example'), {
        mailFrom: 'ben@example.com',
        rcptTo: ['olga@outside.example'],
      });

      expect(outcome).toEqual({ ok: false, refusal: { type: 'forbiddenMailFrom' } });
    });

    it("refuses the delegate's own address as MAIL FROM under SEND_AS, which would name the delegate", async () => {
      t.add('support@example.com', { entityId: 'support', kind: 'RESOURCE' });
      t.grants.set('ana/support', 'SEND_AS');

      const outcome = await send(message('From: support@example.com', 'To: olga@outside.example'), {
        mailFrom: 'ana@example.com',
        rcptTo: ['olga@outside.example'],
      });

      expect(outcome).toEqual({ ok: false, refusal: { type: 'forbiddenMailFrom' } });
      expect(t.sent).toEqual([]);
    });

    it('keeps Resent-Bcc out of every transmitted copy, like Bcc', async () => {
      const outcome = await send(
        message(
          'From: ana@example.com',
          'To: olga@outside.example, ben@example.com',
          'Resent-Bcc: hidden@example.com',
        ),
      );

      expect(outcome.ok).toBe(true);
      expect(t.sent[0].raw.toString()).not.toMatch(/^Resent-Bcc:|hidden@/im);
      expect(t.copyIn('ben')).not.toMatch(/^Resent-Bcc:|hidden@/im);
    });

    it('refuses no recipients, malformed ones and more than 500', async () => {
      const none = await send(message('From: ana@example.com', 'Subject: Hi'));
      const invalid = await send(message('From: ana@example.com', 'To: olga@outside.example'), {
        mailFrom: 'ana@example.com',
        rcptTo: ['olga@outside.example', 'not an address'],
      });
      const many = Array.from({ length: 501 }, (_, index) => `r${index}@example.com`);
      const tooMany = await send(message('From: ana@example.com', 'To: x@example.com'), {
        mailFrom: 'ana@example.com',
        rcptTo: many,
      });

      expect(none).toEqual({ ok: false, refusal: { type: 'noRecipients' } });
      expect(invalid).toEqual({
        ok: false,
        refusal: { type: 'invalidRecipients', invalidRecipients: ['not an address'] },
      });
      expect(tooMany).toEqual({ ok: false, refusal: { type: 'tooManyRecipients', maxRecipients: 500 } });
    });

    it('refuses a message over 40 MB', async () => {
      const raw = Buffer.concat([
        message('From: ana@example.com', 'To: ben@example.com'),
        Buffer.alloc(40 * 1024 * 1024),
      ]);

      expect(await send(raw)).toEqual({
        ok: false,
        refusal: { type: 'tooLarge', maxSize: 40 * 1024 * 1024 },
      });
    });
  });

  describe('recipients here and outside', () => {
    it('delivers to colleagues through the mailbox service and sends only outside addresses to the mail sender', async () => {
      const outcome = await send(
        message('From: ana@example.com', 'To: ben@example.com, olga@outside.example', 'Subject: Plan'),
      );

      expect(outcome).toMatchObject({
        ok: true,
        value: {
          recipients: [
            { recipient: 'ben@example.com', status: 'delivered' },
            { recipient: 'olga@outside.example', status: 'sent' },
          ],
          sentCopyId: 'Ssub1',
        },
      });
      expect(t.sent.map((outbound) => outbound.recipients)).toEqual([['olga@outside.example']]);
      expect(t.delivered.find((input) => input.mailboxId === 'ben')).toMatchObject({
        folder: 'INBOX',
        messageId: 'Dsub1',
      });
    });

    it('names the sending mailbox (the JMAP account) and the submission by id on what goes out, so its bounces come back to it', async () => {
      t.add('support@example.com', { entityId: 'support', kind: 'RESOURCE' });
      t.grants.set('ana/support', 'SEND_AS');

      await submit(t.deps, {
        user: ANA,
        mailboxId: 'support',
        raw: message('From: support@example.com', 'To: olga@outside.example'),
        submissionId: 'sub2',
      });

      expect(t.sent.map((outbound) => outbound.reportTo)).toEqual([
        { organizationId: ORG, mailboxId: 'support', submissionId: 'sub2' },
      ]);
    });

    it('expands a group of this deployment to its members', async () => {
      t.add('team@example.com', { entityId: 'team', kind: 'GROUP' });
      t.members.set('team', [
        {
          organizationId: 'm-org',
          kind: 'USER',
          entityId: 'ben',
          state: 'ENABLED',
          email: 'ben@example.com',
        },
        {
          organizationId: 'm-org',
          kind: 'USER',
          entityId: 'cid',
          state: 'ENABLED',
          email: 'cid@example.com',
        },
      ]);

      await send(message('From: ana@example.com', 'To: team@example.com'));

      expect(t.delivered.filter((input) => input.folder === 'INBOX').map((input) => input.mailboxId)).toEqual(
        ['ben', 'cid'],
      );
    });

    it('bounces an unknown colleague and a full mailbox into a report in the sender’s Inbox', async () => {
      t.full.add('ben');

      const outcome = await send(message('From: ana@example.com', 'To: ben@example.com, nobody@example.com'));

      expect(outcome).toMatchObject({
        ok: true,
        value: {
          recipients: [
            { recipient: 'ben@example.com', status: 'bounced', reason: '5.2.2' },
            { recipient: 'nobody@example.com', status: 'bounced', reason: '5.1.1' },
          ],
          bounceReportId: 'Nsub1',
        },
      });
      const report = t.copyIn('ana');
      expect(report).toContain('Final-Recipient: rfc822; ben@example.com');
      expect(report).toContain('Status: 5.1.1');
    });

    it('keeps the sent message in the sender’s Sent Items, read, with Message-ID and Date added', async () => {
      await send(message('From: ana@example.com', 'To: ben@example.com'));

      const copy = t.delivered.find((input) => input.folder === 'SENT_ITEMS');
      expect(copy).toMatchObject({ mailboxId: 'ana', keywords: ['$seen'], messageId: 'Ssub1' });
      expect(copy?.raw.toString()).toMatch(/^Message-ID: <sub1@example.com>\r$/m);
      expect(copy?.raw.toString()).toMatch(/^Date: Fri, 15 Jan 2027 12:00:00 \+0000\r$/m);
    });

    it('keeps the client’s Message-ID, so a reply threads with its original', async () => {
      await send(
        message('From: ana@example.com', 'To: ben@example.com', 'Message-ID: <r@x>', 'In-Reply-To: <o@x>'),
      );

      const copy = t.delivered.find((input) => input.mailboxId === 'ben');
      expect(copy?.threading).toEqual({ messageId: '<r@x>', inReplyTo: '<o@x>', references: undefined });
    });

    it('sends even when the sender’s mailbox is too full for the Sent Items copy', async () => {
      t.full.add('ana');

      const outcome = await send(message('From: ana@example.com', 'To: olga@outside.example'));

      expect(outcome.ok && outcome.value.sentCopyId).toBeUndefined();
      expect(t.sent).toHaveLength(1);
    });

    it('lets a store failure other than a full mailbox through', async () => {
      t.deps = {
        ...t.deps,
        mailboxes: {
          deliver: async () => {
            throw new Error('DynamoDB unavailable');
          },
        },
      };

      await expect(send(message('From: ana@example.com', 'To: ben@example.com'))).rejects.toThrow(
        'DynamoDB unavailable',
      );
    });

    it('gives the reserved limits back when deciding the outbound rules fails', async () => {
      await t.rule({
        name: 'scan',
        action: 'RUN_LAMBDA',
        lambdaArn: ARN,
        synchronous: true,
        fallbackAction: 'DEFAULT',
      });
      t.inFlight.create = async () => {
        throw new Error('DynamoDB unavailable');
      };

      const attempt = send(message('From: ana@example.com', 'To: olga@outside.example'));

      await expect(attempt).rejects.toThrow('DynamoDB unavailable');
      expect(t.sent).toEqual([]);
      expect(t.counters.current('USER#m-org#ana#2027-01-15')).toBe(0);
    });

    it('fails as a whole when the mail sender refuses: nothing delivered, no copy, limits given back', async () => {
      t.failSendingWith(new Error('Throttling'));

      const attempt = send(message('From: ana@example.com', 'To: ben@example.com, olga@outside.example'));

      await expect(attempt).rejects.toBeInstanceOf(OutboundSendError);
      expect(t.delivered).toEqual([]);
      expect(t.counters.current('USER#m-org#ana#2027-01-15')).toBe(0);
    });
  });
});

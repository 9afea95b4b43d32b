import { parseMessageHeaders, type Verdicts } from '../../../lambdas/core/delivery';
import { replySuppression, type ReplyCandidate } from '../../../lambdas/core/vacation';

const PASS: Verdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

/** A message from olga to ana, with extra header lines. */
function candidate(extra: string[] = [], overrides: Partial<ReplyCandidate> = {}): ReplyCandidate {
  const raw = [
    'From: Olga <olga@outside.example>',
    'To: Ana <ana@example.com>, ben@example.com',
    'Subject: Budget',
    'Message-ID: <b1@outside.example>',
    ...extra,
    '',
    'Can you check?',
  ].join('\r\n');
  return {
    envelopeFrom: 'olga@outside.example',
    recipient: 'ana@example.com',
    userEmail: 'ana@example.com',
    headers: parseMessageHeaders(Buffer.from(raw)),
    verdicts: PASS,
    ...overrides,
  };
}

describe('Vacation reply rules (RFC 3834 §2, RFC 5230 §4.5)', () => {
  it('answers a personal message from an authenticated sender addressed to the user', () => {
    expect(replySuppression(candidate())).toBeUndefined();
  });

  it('answers when the user is in Cc, Bcc or a Resent- field, compared without case', () => {
    const cc = candidate(['Cc: "Ana" <ANA@Example.com>'], { recipient: 'ana@example.com' });
    const elsewhere = (field: string) =>
      replySuppression(
        candidate([`${field}: ana.alias@example.com`], { recipient: 'ana.alias@example.com' }),
      );

    expect(replySuppression(cc)).toBeUndefined();
    expect(['Bcc', 'Resent-To', 'Resent-Cc', 'Resent-Bcc'].map(elsewhere)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('does not answer the null sender', () => {
    expect(replySuppression(candidate([], { envelopeFrom: '' }))).toBe('null sender');
    expect(replySuppression(candidate([], { envelopeFrom: '  ' }))).toBe('null sender');
  });

  it.each([
    'MAILER-DAEMON@outside.example',
    'postmaster@outside.example',
    'owner-staff@lists.example',
    'staff-request@lists.example',
    'listserv@lists.example',
    'majordomo@lists.example',
    'noreply@shop.example',
    'no-reply@shop.example',
    'do-not-reply@shop.example',
    'DoNotReply@shop.example',
    'notifications.noreply@shop.example',
    'bounces+123@shop.example',
    'list-bounces@lists.example',
  ])('does not answer the system or robot sender %s', (sender) => {
    expect(replySuppression(candidate([], { envelopeFrom: sender }))).toBe('system sender');
  });

  it.each([
    'noreplyer@outside.example',
    'bouncer@outside.example',
    'requester@outside.example',
    'owner@outside.example',
  ])('answers %s, a person whose name merely resembles a robot’s', (sender) => {
    expect(replySuppression(candidate([], { envelopeFrom: sender }))).toBeUndefined();
  });

  it('does not answer the user’s own address (primary or the one the message came through)', () => {
    expect(replySuppression(candidate([], { envelopeFrom: 'Ana@example.com' }))).toBe('own address');
    expect(
      replySuppression(
        candidate(['Cc: a@example.com'], { envelopeFrom: 'a@example.com', recipient: 'a@example.com' }),
      ),
    ).toBe('own address');
  });

  it.each([
    'Auto-Submitted: auto-replied',
    'Auto-Submitted: auto-generated (daily report)',
    'Auto-Submitted: Auto-Notified; owner-email="x@example.com"',
    'X-Autoreply: yes',
    'X-Autorespond: on',
    'X-Auto-Response-Suppress: OOF, DR',
    'X-Auto-Response-Suppress: All',
    'Content-Type: multipart/report; report-type=disposition-notification; boundary=x',
  ])('does not answer an automatic message (%s)', (field) => {
    expect(replySuppression(candidate([field]))).toBe('automatic message');
  });

  it('answers Auto-Submitted: no and an X-Auto-Response-Suppress that spares out-of-office replies', () => {
    expect(replySuppression(candidate(['Auto-Submitted: No (a person wrote this)']))).toBeUndefined();
    expect(replySuppression(candidate(['X-Auto-Response-Suppress: DR, RN, NRN']))).toBeUndefined();
  });

  it('does not answer a delivery status notification', () => {
    const dsn = candidate(['Content-Type: multipart/report; report-type=delivery-status; boundary=x']);

    expect(replySuppression(dsn)).toBe('automatic message');
  });

  it.each([
    'Precedence: bulk',
    'Precedence: list',
    'Precedence: JUNK',
    'List-Id: Staff <staff.lists.example>',
    'List-Unsubscribe: <mailto:leave@lists.example>',
    'list-post: NO',
  ])('does not answer a message from a list or a bulk sender (%s)', (field) => {
    expect(replySuppression(candidate([field]))).toBe('list message');
  });

  it('answers Precedence values that are not bulk, list or junk', () => {
    expect(replySuppression(candidate(['Precedence: first-class']))).toBeUndefined();
  });

  it('does not answer a message that reached the user through a group, a list or a blind copy', () => {
    expect(replySuppression(candidate([], { recipient: 'ana.alias@example.com' }))).toBe(
      'not addressed to the user',
    );
    expect(
      replySuppression(candidate(['Cc: undisclosed-recipients:;'], { recipient: 'carl@example.com' })),
    ).toBe('not addressed to the user');
  });

  it('does not answer a sender the verdicts do not vouch for, as no DSN would go to it', () => {
    const spam = candidate([], { verdicts: { ...PASS, spam: 'FAIL' } });
    const unaligned = candidate([], { verdicts: { ...PASS, spf: 'GRAY', dmarc: 'GRAY' } });

    expect(replySuppression(spam)).toBe('sender not vouched for (spam verdict FAIL)');
    expect(replySuppression(unaligned)).toBe('sender not vouched for (SPF and DKIM not aligned)');
  });

  it('names the rule, never an address', () => {
    const reasons = [
      candidate([], { envelopeFrom: 'noreply@shop.example' }),
      candidate([], { envelopeFrom: 'ana@example.com' }),
      candidate([], { recipient: 'x@example.com' }),
      candidate(['List-Id: <l.example>']),
    ].map(replySuppression);

    for (const reason of reasons) expect(reason).not.toMatch(/@|example/);
  });
});

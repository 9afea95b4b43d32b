import { randomBytes } from 'node:crypto';
import { buildJournalReport } from '../../../lambdas/core/journaling/report-format';
import {
  journalReportKey,
  sha256,
  signJournalReport,
  verifyJournalReportHeader,
} from '../../../lambdas/core/journaling/report-mac';
import {
  stripJournalReportHeader,
  verifyJournalReport,
} from '../../../lambdas/core/journaling/verify-report';

const key = journalReportKey(randomBytes(32));
const original = Buffer.from('From: a@x.example\r\nSubject: s\r\n\r\nbody\r\n');
const claims = {
  recordId: 'j1',
  journalingAddress: 'Archive@Vault.example',
  originalSha256: sha256(original),
};

function report(signature: string, attached = original): Buffer {
  return buildJournalReport(
    {
      from: 'amazonjournaling@a.mailwright.test',
      to: 'archive@vault.example',
      recordId: 'j1',
      signature,
      date: 0,
    },
    { sender: 'a@x.example', subject: 's', messageId: '', recipients: [] },
    attached,
  );
}

describe('signJournalReport / verifyJournalReportHeader', () => {
  it('names the record, the lower-cased address and the digest, and verifies against the same original', () => {
    const value = signJournalReport(key, claims);
    expect(value).toMatch(/^v=1; id=j1; to=archive@vault\.example; sha256=[\w-]{43}; mac=[\w-]{43}$/);
    expect(verifyJournalReportHeader(key, value, original)).toEqual({
      valid: true,
      recordId: 'j1',
      journalingAddress: 'archive@vault.example',
    });
  });

  it('refuses another original, another record id or address, another key, and malformed values', () => {
    const value = signJournalReport(key, claims);
    expect(verifyJournalReportHeader(key, value, Buffer.from('other'))).toEqual({
      valid: false,
      reason: 'original-changed',
    });
    expect(verifyJournalReportHeader(key, value.replace('id=j1', 'id=j2'), original)).toEqual({
      valid: false,
      reason: 'bad-mac',
    });
    expect(verifyJournalReportHeader(key, value.replace('to=archive', 'to=thief'), original)).toMatchObject({
      reason: 'bad-mac',
    });
    expect(verifyJournalReportHeader(journalReportKey(randomBytes(32)), value, original)).toMatchObject({
      reason: 'bad-mac',
    });
    expect(verifyJournalReportHeader(key, value.replace(/mac=[\w-]+/, 'mac=AAAA'), original)).toMatchObject({
      reason: 'bad-mac',
    });
    for (const malformed of ['', 'v=2; id=j1', value.replace('v=1', 'v=2'), value.replace(/; mac=.*/, '')])
      expect(verifyJournalReportHeader(key, malformed, original)).toEqual({
        valid: false,
        reason: 'malformed',
      });
  });
});

describe('verifyJournalReport', () => {
  it('verifies a whole report against the original attached to it', () => {
    expect(verifyJournalReport(key, report(signJournalReport(key, claims)))).toMatchObject({
      valid: true,
      recordId: 'j1',
    });
  });

  it('refuses a report whose attached original was changed, or that has no or two signatures or no original', () => {
    const signature = signJournalReport(key, claims);
    const changed = Buffer.from('From: a@x.example\r\nSubject: S\r\n\r\nbody\r\n');
    expect(verifyJournalReport(key, report(signature, changed))).toEqual({
      valid: false,
      reason: 'original-changed',
    });
    const twice = Buffer.concat([Buffer.from(`X-WM-Journal-Report: ${signature}\r\n`), report(signature)]);
    expect(verifyJournalReport(key, twice)).toEqual({ valid: false, reason: 'malformed' });
    expect(verifyJournalReport(key, original)).toEqual({ valid: false, reason: 'malformed' });
    const single = Buffer.from(`X-WM-Journal-Report: ${signature}\r\nContent-Type: text/plain\r\n\r\nx`);
    expect(verifyJournalReport(key, single)).toEqual({ valid: false, reason: 'malformed' });
    const noRfc822 = Buffer.from(
      `X-WM-Journal-Report: ${signature}\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n`,
    );
    expect(verifyJournalReport(key, noRfc822)).toEqual({ valid: false, reason: 'malformed' });
  });
});

describe('stripJournalReportHeader', () => {
  it('removes every X-WM-Journal-Report field, folded lines included, and keeps the rest byte for byte', () => {
    const forged = Buffer.from(
      'Received: from x\r\nx-wm-journal-report: v=1; id=j1;\r\n mac=forged\r\nSubject: hi\r\nX-WM-Journal-Report: again\r\n\r\nX-WM-Journal-Report: in the body\r\n',
    );
    expect(stripJournalReportHeader(forged).toString()).toBe(
      'Received: from x\r\nSubject: hi\r\n\r\nX-WM-Journal-Report: in the body\r\n',
    );
  });

  it('returns a message without one unchanged', () => {
    expect(stripJournalReportHeader(original)).toBe(original);
  });
});

import { parseMessage, sentDate } from '../../../../lambdas/imap/mime';
import { corpusMessage } from './corpus';

function dateOf(raw: Buffer): string | undefined {
  const ms = sentDate(parseMessage(raw), raw);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

describe('sentDate', () => {
  it('reads an RFC 5322 date with a numeric zone', () => {
    expect(dateOf(corpusMessage('02'))).toBe('2026-11-03T11:01:45.000Z');
  });

  it('reads the obsolete forms: two-digit year, zone name, no seconds, no day of week', () => {
    expect(dateOf(corpusMessage('19'))).toBe('2026-11-17T15:00:00.000Z');
  });

  it('ignores comments and reads a half-hour zone', () => {
    expect(dateOf(corpusMessage('24'))).toBe('2026-02-14T03:02:00.000Z');
  });

  it('is undefined for an unreadable or missing Date', () => {
    expect(dateOf(corpusMessage('14'))).toBeUndefined();
    expect(dateOf(Buffer.from('Subject: x\r\n\r\n'))).toBeUndefined();
  });
});

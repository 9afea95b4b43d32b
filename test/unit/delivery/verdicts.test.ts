import { EICAR, dsnSuppression, spamVerdict, toVerdict, virusVerdict } from '../../../lambdas/core/delivery';

const clean = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;

describe('virusVerdict', () => {
  it('finds the EICAR string in plain text', () => {
    expect(virusVerdict(Buffer.from(`Subject: t\r\n\r\n${EICAR}\r\n`))).toBe('FAIL');
  });

  it.each([0, 1, 2])('finds EICAR in a base64 attachment folded at 76 characters (offset %i)', (offset) => {
    const encoded = Buffer.concat([
      Buffer.from('abc'.slice(0, offset)),
      Buffer.from(EICAR, 'latin1'),
    ]).toString('base64');
    const folded = encoded.replace(/.{76}/g, '$&\r\n');
    expect(virusVerdict(Buffer.from(`Content-Transfer-Encoding: base64\r\n\r\n${folded}\r\n`))).toBe('FAIL');
  });

  it('passes a clean message', () => {
    expect(virusVerdict(Buffer.from('Subject: t\r\n\r\nEICAR is a test file name\r\n'))).toBe('PASS');
  });
});

describe('spamVerdict', () => {
  it('honours an upstream X-Spam-Flag or X-Spam-Status', () => {
    expect(spamVerdict(Buffer.from('X-Spam-Flag: YES\r\n\r\nx'), clean)).toBe('FAIL');
    expect(spamVerdict(Buffer.from('X-Spam-Status: Yes, score=9\r\n\r\nx'), clean)).toBe('FAIL');
    expect(spamVerdict(Buffer.from('X-Spam-Flag: NO\r\n\r\nx'), clean)).toBe('PASS');
  });

  it('flags DMARC or SPF failure without a passing DKIM signature', () => {
    const raw = Buffer.from('Subject: x\r\n\r\nx');
    expect(spamVerdict(raw, { spf: 'GRAY', dkim: 'GRAY', dmarc: 'FAIL' })).toBe('FAIL');
    expect(spamVerdict(raw, { spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' })).toBe('FAIL');
    expect(spamVerdict(raw, { spf: 'FAIL', dkim: 'PASS', dmarc: 'FAIL' })).toBe('PASS');
    expect(spamVerdict(raw, { spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' })).toBe('PASS');
  });
});

describe('toVerdict', () => {
  it.each([
    ['pass', 'PASS'],
    ['fail', 'FAIL'],
    ['softfail', 'FAIL'],
    ['none', 'GRAY'],
    ['neutral', 'GRAY'],
    ['temperror', 'PROCESSING_FAILED'],
    ['permerror', 'PROCESSING_FAILED'],
    [undefined, 'GRAY'],
  ])('maps %s to %s', (result, verdict) => {
    expect(toVerdict(result)).toBe(verdict);
  });
});

describe('dsnSuppression', () => {
  const authenticated = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

  it('allows a DSN to a sender whose SPF passed, without DKIM or DMARC', () => {
    expect(dsnSuppression({ ...authenticated, dkim: 'GRAY', dmarc: 'GRAY' })).toBeUndefined();
  });

  it('allows a DSN to a sender whose DKIM passed with DMARC, although SPF failed (forwarded mail)', () => {
    expect(dsnSuppression({ ...authenticated, spf: 'FAIL', dmarc: 'PASS' })).toBeUndefined();
  });

  it('suppresses the DSN when the spam verdict is FAIL, however well the sender authenticated', () => {
    expect(dsnSuppression({ ...authenticated, spam: 'FAIL' })).toBe('spam verdict FAIL');
  });

  it('suppresses the DSN when DMARC fails, even with SPF passing', () => {
    expect(dsnSuppression({ ...authenticated, dkim: 'GRAY', dmarc: 'FAIL' })).toBe('DMARC verdict FAIL');
  });

  it.each([
    ['SPF FAIL, DKIM FAIL', { spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' }],
    ['SPF FAIL, no DKIM signature', { spf: 'FAIL', dkim: 'GRAY', dmarc: 'GRAY' }],
    ['nothing published', { spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' }],
    ['checks that could not run', { spf: 'PROCESSING_FAILED', dkim: 'PROCESSING_FAILED', dmarc: 'GRAY' }],
    ['a DKIM pass that DMARC did not align', { spf: 'GRAY', dkim: 'PASS', dmarc: 'GRAY' }],
  ])('suppresses the DSN when neither SPF nor DKIM is aligned: %s', (_name, auth) => {
    expect(dsnSuppression({ ...authenticated, ...auth })).toBe('SPF and DKIM not aligned');
  });
});

import { readFields, splitHeaderBlock } from './header-block';
import type { Verdicts } from './ports';
import type { VerdictStatus } from './types';

/** The EICAR anti-virus test string (the local runtime's only "virus"). */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** The EICAR string base64-encoded at each of the three byte alignments, minus the characters its neighbours touch. */
const EICAR_BASE64 = [0, 1, 2].map((offset) => {
  const encoded = Buffer.concat([Buffer.alloc(offset), Buffer.from(EICAR, 'latin1')]).toString('base64');
  return encoded.slice(offset === 0 ? 0 : 4, -4);
});

/**
 * The local runtime's virus verdict: FAIL when the message carries the EICAR test string, plainly or base64-encoded
 * (an attachment); PASS otherwise. SES scans for real viruses in the cloud.
 * @example
 * virusVerdict(Buffer.from(`Subject: t\r\n\r\n${EICAR}`)); // 'FAIL'
 */
export function virusVerdict(raw: Buffer): VerdictStatus {
  if (raw.includes(EICAR, 0, 'latin1')) return 'FAIL';
  const compact = raw.toString('latin1').replace(/\s+/g, '');
  return EICAR_BASE64.some((needle) => compact.includes(needle)) ? 'FAIL' : 'PASS';
}

/**
 * The local runtime's spam verdict, a few documented heuristics standing in for SES's filter:
 * 1. `X-Spam-Flag: YES` or `X-Spam-Status: Yes…` from an upstream filter → FAIL;
 * 2. DMARC FAIL without a passing DKIM signature → FAIL;
 * 3. SPF FAIL without a passing DKIM signature → FAIL;
 * 4. otherwise PASS.
 * @example
 * spamVerdict(raw, { spf: 'GRAY', dkim: 'GRAY', dmarc: 'FAIL' }); // 'FAIL'
 */
export function spamVerdict(
  raw: Buffer,
  auth: { readonly spf: VerdictStatus; readonly dkim: VerdictStatus; readonly dmarc: VerdictStatus },
): VerdictStatus {
  const bounds = splitHeaderBlock(raw, 0, raw.length, 256 * 1024);
  const fields = readFields(raw.subarray(0, bounds.headerEnd).toString('latin1'), [
    'x-spam-flag',
    'x-spam-status',
  ]);
  if (/^yes\b/i.test(fields.get('x-spam-flag') ?? '') || /^yes\b/i.test(fields.get('x-spam-status') ?? ''))
    return 'FAIL';
  if (auth.dkim !== 'PASS' && (auth.dmarc === 'FAIL' || auth.spf === 'FAIL')) return 'FAIL';
  return 'PASS';
}

/**
 * Maps an authentication result (RFC 8601 words, as mailauth reports them) to an SES verdict status.
 * @example
 * toVerdict('softfail'); // 'FAIL'
 */
export function toVerdict(result: string | undefined): VerdictStatus {
  switch ((result ?? 'none').toLowerCase()) {
    case 'pass':
      return 'PASS';
    case 'fail':
    case 'softfail':
    case 'policy':
      return 'FAIL';
    case 'temperror':
    case 'temperr':
    case 'permerror':
      return 'PROCESSING_FAILED';
    default:
      return 'GRAY';
  }
}

/**
 * Why no DSN may be sent for a message, or `undefined` when one may: a DSN goes to the envelope sender (MAIL
 * FROM), so it is sent only when the verdicts vouch for that address. SES reports alignment only through DMARC;
 * its SPF verdict is the check of the MAIL FROM domain itself, and its DKIM verdict does not say which domain
 * signed. So:
 * 1. spam verdict FAIL → suppressed (never echo spam back);
 * 2. DMARC verdict FAIL → suppressed (the From domain disowns the message);
 * 3. SPF not PASS and not (DKIM PASS with DMARC PASS) → suppressed: neither mechanism is aligned with an address
 *    the DSN would reach (GRAY, PROCESSING_FAILED, DISABLED and a missing verdict count as not passing);
 * 4. otherwise a DSN may be sent.
 * @example
 * dsnSuppression({ spam: 'PASS', virus: 'PASS', spf: 'GRAY', dkim: 'PASS', dmarc: 'GRAY' }); // 'SPF and DKIM not aligned'
 */
export function dsnSuppression(verdicts: Verdicts): string | undefined {
  if (verdicts.spam === 'FAIL') return 'spam verdict FAIL';
  if (verdicts.dmarc === 'FAIL') return 'DMARC verdict FAIL';
  const spfAligned = verdicts.spf === 'PASS';
  const dkimAligned = verdicts.dkim === 'PASS' && verdicts.dmarc === 'PASS';
  return spfAligned || dkimAligned ? undefined : 'SPF and DKIM not aligned';
}

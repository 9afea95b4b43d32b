import { extractAddress, readFields, splitAddressList } from '../delivery/header-block';
import type { Verdicts } from '../delivery/ports';
import type { MessageHeaders } from '../delivery/types';
import { dsnSuppression } from '../delivery/verdicts';

/** What deciding whether to answer a delivered message looks at. */
export interface ReplyCandidate {
  /** The envelope sender (MAIL FROM): the reply's only recipient; empty for the null sender. */
  readonly envelopeFrom: string;
  /** The address the message reached the user through (their primary address or an alias). */
  readonly recipient: string;
  /** The user's primary address. */
  readonly userEmail?: string;
  readonly headers: MessageHeaders;
  readonly verdicts: Verdicts;
}

/** Senders that are mail systems, lists or robots (RFC 3834 §2, RFC 5230 §4.5), by local part. */
const SYSTEM_SENDER =
  /^(mailer-daemon|postmaster|listserv|majordomo|owner-.+|.+-request)$|(^|[-_.+])(no|do[-_.]?not)[-_.]?reply([-_.+]|$)|(^|[-_.+])bounces?([-_.+]|$)/;

/** Header fields whose presence marks an automatic message or one from a list. */
const AUTOMATIC_FIELDS = ['x-autoreply', 'x-autorespond'];
/** Fields that name the recipients a sender addressed. */
const ADDRESS_FIELDS = ['to', 'cc', 'bcc', 'resent-to', 'resent-cc', 'resent-bcc'];

/**
 * Why a delivered message must not get a vacation reply, or `undefined` when it may (RFC 3834 §2, RFC 5230 §4.5).
 * Primary course, the first that applies:
 * 1. the null sender, or a system or robot sender (MAILER-DAEMON, postmaster, `owner-*`, `*-request`, noreply,
 *    bounces) → no reply;
 * 2. the user's own address as sender → no reply (it would answer itself);
 * 3. a report (DSN, read receipt), `Auto-Submitted` other than `no`, `X-Autoreply`/`X-Autorespond`, or
 *    `X-Auto-Response-Suppress` naming `OOF` or `All` → no reply: the message is automatic;
 * 4. `Precedence: bulk|list|junk`, or any `List-*` field → no reply: it came through a list;
 * 5. the address it reached the user through is in none of To, Cc, Bcc, Resent-To, Resent-Cc, Resent-Bcc → no reply
 *    (it came through a group, a list or a blind copy);
 * 6. the verdicts do not vouch for the envelope sender (as for DSNs: spam, DMARC failure, SPF and DKIM unaligned) →
 *    no reply, so a forged sender gets no backscatter.
 * The reason names a rule, never an address.
 * @example
 * replySuppression({ envelopeFrom: 'list-request@lists.example', recipient, headers, verdicts }); // 'system sender'
 */
export function replySuppression(candidate: ReplyCandidate): string | undefined {
  const sender = candidate.envelopeFrom.trim().toLowerCase();
  if (!sender) return 'null sender';
  if (SYSTEM_SENDER.test(sender.slice(0, Math.max(0, sender.lastIndexOf('@'))))) return 'system sender';
  const own = [candidate.recipient, candidate.userEmail].map((address) => address?.toLowerCase());
  if (own.includes(sender)) return 'own address';
  const { headers } = candidate;
  const block = headers.rawHeaderBlock;
  const names = fieldNames(block);
  const fields = readFields(block, [
    'auto-submitted',
    'x-auto-response-suppress',
    'precedence',
    'content-type',
    ...ADDRESS_FIELDS,
  ]);
  const token = (name: string) => (fields.get(name) ?? '').split(/[;(]/)[0]!.trim().toLowerCase();
  const suppressed = (fields.get('x-auto-response-suppress') ?? '').toLowerCase().split(/[\s,]+/);
  if (
    headers.isDeliveryReport ||
    token('content-type') === 'multipart/report' ||
    (token('auto-submitted') !== '' && token('auto-submitted') !== 'no') ||
    AUTOMATIC_FIELDS.some((name) => names.has(name)) ||
    suppressed.includes('oof') ||
    suppressed.includes('all')
  )
    return 'automatic message';
  if (
    ['bulk', 'list', 'junk'].includes(token('precedence')) ||
    [...names].some((name) => name.startsWith('list-'))
  )
    return 'list message';
  const addressed = ADDRESS_FIELDS.flatMap((name) => splitAddressList(fields.get(name)).map(extractAddress));
  if (!addressed.includes(candidate.recipient.toLowerCase())) return 'not addressed to the user';
  const unauthenticated = dsnSuppression(candidate.verdicts);
  return unauthenticated && `sender not vouched for (${unauthenticated})`;
}

/** The lower-cased names of every field of a header block. */
function fieldNames(block: string): Set<string> {
  const names = new Set<string>();
  for (const line of block.split('\n')) {
    const match = /^([!-9;-~]+):/.exec(line);
    if (match) names.add(match[1]!.toLowerCase());
  }
  return names;
}

/**
 * The known differences between Mailwright's IMAP server and Dovecot 2.3 on the corpus, each an intended choice
 * (docs/imap.md, "Differences from Dovecot"). The differential test applies `normalize` to both servers' answers
 * before it compares them, so an entry explains exactly the difference it names and nothing else.
 */
import type { ImapValue } from '../support/imap-client';

/** One compared answer: a FETCH item or a SEARCH key, for one message. */
export interface Observation {
  /** `ENVELOPE`, `BODY[1.MIME]`, `SEARCH FROM ana`… */
  readonly item: string;
  /** The corpus name of the message. */
  readonly message: string;
}

export interface Difference {
  /** What differs, briefly. */
  readonly what: string;
  /** Why Mailwright's answer is intended. */
  readonly why: string;
  /** Whether it concerns this observation. */
  readonly applies: (observation: Observation) => boolean;
  /** Rewrites an answer (either server's) so that the difference disappears. @default - the answers differ */
  readonly normalize?: (value: ImapValue, observation: Observation) => ImapValue;
}

const isBinary = ({ item }: Observation) => /^BINARY(\.PEEK|\.SIZE)?\[/.test(item);
const searching = (key: string) => (observation: Observation) => observation.item.startsWith(`SEARCH ${key}`);

export const DIFFERENCES: readonly Difference[] = [
  {
    what: 'Keywords come back lower-case ($label1 for $Label1)',
    why:
      'Mailwright keeps flags as JMAP keywords, which are case-insensitive and stored lower-case (RFC 8621 §4.1.1); ' +
      'both servers match keywords case-insensitively in SEARCH and STORE.',
    applies: ({ item }) => item === 'FLAGS',
    normalize: (value) =>
      Array.isArray(value)
        ? value.map((flag) => (String(flag).startsWith('\\') ? flag : String(flag).toLowerCase()))
        : value,
  },
  {
    what: 'BINARY of one part works when another part of the message has an unknown transfer encoding',
    why:
      'Dovecot decodes the whole message for BINARY, so an x-uuencode part 4 fails BINARY.SIZE[1] with NO [UNKNOWN-CTE] ' +
      'and BINARY[1] with an internal error that closes the connection; RFC 3516 §4.3 refuses only the part that ' +
      'cannot be decoded, and Mailwright decodes part 1.',
    applies: (observation) =>
      isBinary(observation) && observation.message === '25-transfer-encoding-edges.eml',
  },
  {
    what: 'BINARY decodes invalid base64 and quoted-printable leniently instead of NO [PARSE]',
    why:
      'Mailwright skips characters outside the base64 alphabet (RFC 2045 §6.8) and keeps a malformed "=" of ' +
      'quoted-printable as it is (RFC 2045 §6.7, note 1), as its JMAP blob download does; Dovecot refuses the part.',
    applies: (observation) =>
      isBinary(observation) &&
      ['malformed: bad base64 body', 'malformed: bad quoted-printable body'].includes(observation.message),
  },
  {
    what: 'FROM/TO/CC/BCC/SUBJECT/BODY/TEXT match whole words, not substrings',
    why:
      'Mailwright answers text keys from its encrypted word index (docs/search.md) without decrypting the folder; ' +
      'Dovecot without FTS reads every message and matches substrings ("confirm" finds "confirmed").',
    applies: searching('SUBJECT confirm'),
  },
  {
    what: 'SENTBEFORE/SENTON/SENTSINCE compare the internal date, not the Date header',
    why: 'The Date header is inside the encrypted message; the internal date is in the index entry (docs/imap.md).',
    applies: searching('SENT'),
  },
  {
    what: 'No message is \\Recent, so NEW and RECENT find nothing',
    why: 'RFC 9051 removed \\Recent; Mailwright always reports 0 RECENT (Dovecot gives it to the first session).',
    applies: (observation) => searching('NEW')(observation) || searching('RECENT')(observation),
  },
  {
    what: 'HEADER <field> is refused with NO [CANNOT] for fields other than From, To, Cc, Bcc and Subject',
    why: 'Only those headers are in the search index; any other would need every message decrypted.',
    applies: searching('HEADER'),
  },
];

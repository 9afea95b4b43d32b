import type { JsonPath, JsonValue } from '../support/jmap-email-canonical';

/**
 * The known differences between Mailwright and Cyrus IMAP 3.6 on the JMAP corpus, each judged against the RFCs
 * (docs/jmap.md, "Differential test against Cyrus"). Paths are into the canonical Email object, whose part ids are
 * renamed `part<n>` in document order.
 */
/** A property path and the value expected there. */
export type Expectation = readonly [JsonPath, JsonValue];

export interface Difference {
  /** The corpus file (test/fixtures/jmap-corpus). */
  readonly file: string;
  /** Each property that differs and the value the RFC calls for there (or, for a server choice, Mailwright's). */
  readonly expected: readonly Expectation[];
  /** The clause that decides. */
  readonly clause: string;
  /** What the server answers instead, briefly. */
  readonly what: string;
}

/** Where the threading differs: `file` is in the thread of `joins` on Mailwright, not on Cyrus. */
export interface ThreadDifference {
  readonly file: string;
  readonly joins: string;
  readonly clause: string;
  readonly what: string;
}

/** `[path, value]` for one property of a part that appears at several places (bodyStructure, textBody, …). */
const ofPart = (places: readonly JsonPath[], property: string, value: JsonValue): Expectation[] =>
  places.map((place) => [[...place, property], value]);

const MIXED_TEXT_3 = [
  ['bodyStructure', 'subParts', 2],
  ['textBody', 2],
  ['htmlBody', 2],
];
const MIXED_ATTACHMENT_4 = [
  ['bodyStructure', 'subParts', 3],
  ['attachments', 0],
];
const BARE_ID = 'forms-1@outside.example.net';

/** The header fields of 26-utf8-headers.eml, the Latin-1 byte read as U+FFFD. */
const UTF8_HEADERS = [
  ['From', ' Zoë Müller <zoe@outside.example.net>'],
  ['To', ' "Ana Lima" <ana@example.com>'],
  ['Subject', ' Grüße aus Köln – Übersicht'],
  ['Date', ' Sat, 21 Nov 2026 08:30:00 +0100'],
  ['Message-ID', ' <utf8-headers@outside.example.net>'],
  ['X-Tag', ' naïve'],
  ['X-Tag', ' caf\ufffd (Latin-1)'],
  ['MIME-Version', ' 1.0'],
  ['Content-Type', ' multipart/mixed; boundary="u8"'],
].map(([name, value]) => ({ name, value }));

/**
 * Where Cyrus 3.6 deviates from the RFCs: its answer is corrected before Mailwright's is compared with it. (Leaf
 * parts' `subParts: []`, which §4.1.4 makes null, is corrected everywhere, in the test.)
 */
export const CYRUS_DEVIATIONS: readonly Difference[] = [
  {
    file: '14-malformed-headers.eml',
    expected: ['from', 'header:From:asAddresses'].map((property) => [
      [property],
      [{ name: 'Broken Quote', email: 'broken@outside.example.net' }],
    ]),
    clause: 'RFC 8621 §4.1.2.3 ("Parsing SHOULD be best-effort in the face of invalid structure")',
    what: 'From: "Broken Quote <broken@…> (quote never closed) is null, as if the message had no From',
  },
  {
    file: '14-malformed-headers.eml',
    expected: [
      [
        ['header:To:asGroupedAddresses'],
        [
          {
            name: null,
            addresses: [
              { name: null, email: 'ana@example.com' },
              { name: null, email: '"Nobody"' },
            ],
          },
        ],
      ],
    ],
    clause: 'RFC 8621 §4.1.2.4, RFC 5322 §3.4 (group = display-name ":" [group-list] ";")',
    what: 'To: ana@example.com,, <>, "Nobody" gives groups named "" and "Nobody", which the header does not have',
  },
  {
    file: '14-malformed-headers.eml',
    expected: [[['inReplyTo'], ['a@b', 'c@d']]],
    clause: 'RFC 8621 §4.1.2.5, RFC 5322 §4.5.4 (obs-in-reply-to = "In-Reply-To:" *(phrase / msg-id) CRLF)',
    what: 'In-Reply-To: <a@b> junk <c@d> gives ["a@b", "junk", "c@d"]: the phrase is read as a message id',
  },
  {
    file: '16-html-only.eml',
    expected: [[['preview'], 'Good news! Your order #5521 has shipped & will arrive on Monday.']],
    clause: 'RFC 8621 §4.1.4 (preview: "a plaintext fragment of the message body")',
    what: 'the preview of an HTML-only message is its source, "<!DOCTYPE html><html><head><style>…"',
  },
  {
    file: '17-named-text-parts.eml',
    expected: [[['preview'], 'Notes first. Footer']],
    clause: 'RFC 8621 §4.1.4 (preview: "a plaintext fragment of the message body")',
    what: 'the preview shows the inline text/html part as source, "Notes first. <p>Footer</p>"',
  },
  {
    file: '18-digest.eml',
    expected: [
      ...ofPart(
        [
          ['bodyStructure', 'subParts', 0],
          ['attachments', 0],
        ],
        'charset',
        'us-ascii',
      ),
      ...ofPart(
        [
          ['bodyStructure', 'subParts', 1],
          ['attachments', 1],
        ],
        'charset',
        'us-ascii',
      ),
    ],
    clause: 'RFC 8621 §4.1.4 (charset: "If there is no Content-Type header field … us-ascii")',
    what: 'the implicit message/rfc822 parts of a multipart/digest (no Content-Type) have charset null',
  },
  {
    file: '19-windows-1252-labelled-latin1.eml',
    expected: ['subject', 'header:Subject:asText'].map((property) => [
      [property],
      'Re:=?UTF-8?Q?caf=C3=A9?= “quoted”',
    ]),
    clause: 'RFC 8621 §4.1.2.2 (violating RFC 2047 placement rules "MUST NOT be decoded"), RFC 2047 §5 (1)',
    what: 'Subject: Re:=?UTF-8?Q?caf=C3=A9?= … decodes the encoded word glued to "Re:", giving "Re:café“quoted”"',
  },
  {
    file: '24-address-and-date-forms.eml',
    expected: [
      ...['messageId', 'header:Message-ID:asMessageIds'].map((property): Expectation => [
        [property],
        [BARE_ID],
      ]),
      [['references'], ['r1@outside.example.net', 'r2@outside.example.net']],
    ],
    clause: 'RFC 8621 §4.1.2.5 ("CFWS and surrounding angle brackets (<>) are removed")',
    what: 'comments after or between msg-ids are read as ids: ["forms-1@…", "(a", "comment)"]',
  },
  {
    file: '24-address-and-date-forms.eml',
    expected: [
      [['to', 1, 'email'], '"ana lima"@example.com'],
      [['header:To:asGroupedAddresses', 0, 'addresses', 1, 'email'], '"ana lima"@example.com'],
    ],
    clause: 'RFC 8621 §4.1.2.3 (email: "The addr-spec of the mailbox"), RFC 5322 §3.4.1',
    what: 'a quoted local part loses its quotes: "ana lima@example.com" is no longer an address',
  },
  {
    file: '25-transfer-encoding-edges.eml',
    expected: [
      ...ofPart(MIXED_TEXT_3, 'charset', 'x-unknown-charset'),
      [['bodyValues', 'part3', 'isEncodingProblem'], true],
    ],
    clause:
      'RFC 8621 §4.1.4 (charset: "the value of the charset parameter"; isEncodingProblem: "or the charset was unknown")',
    what: 'charset=x-unknown-charset is reported as "us-ascii" and decoded without isEncodingProblem',
  },
  {
    file: '25-transfer-encoding-edges.eml',
    expected: [...ofPart(MIXED_ATTACHMENT_4, 'blobId', '(blob)'), ...ofPart(MIXED_ATTACHMENT_4, 'size', 20)],
    clause: 'RFC 8621 §4.1.4 (blobId "null if, and only if, the part is of type multipart/*"), RFC 2045 §6.4',
    what: 'a part in Content-Transfer-Encoding: x-uuencode has blobId null and size 0: it cannot be downloaded',
  },
  {
    file: '26-utf8-headers.eml',
    expected: [
      [['headers'], UTF8_HEADERS],
      [['bodyStructure', 'headers'], UTF8_HEADERS],
      [['header:X-Tag:asText:all'], ['naïve', 'caf\ufffd (Latin-1)']],
    ],
    clause:
      'RFC 8621 §4.1.3 (headers: "all … header fields", also on the root part), §4.1.2.1 (invalid UTF-8: heuristics or U+FFFD)',
    what: 'a header field holding a Latin-1 byte (invalid UTF-8) is left out of headers and :all',
  },
];

/** Where the RFC leaves the answer to the server and the two choose differently: Mailwright's choice is expected. */
export const SERVER_CHOICES: readonly Difference[] = [
  {
    file: '06-inline-cid-image.eml',
    expected: [[['hasAttachment'], false]],
    clause: 'RFC 8621 §4.1.4 (the server "MAY ignore … embedded images in one of the text/html parts")',
    what: 'Cyrus counts the inline, cid-referenced image of a multipart/related: hasAttachment true',
  },
  {
    file: '14-malformed-headers.eml',
    expected: [
      [
        ['to'],
        [
          { name: null, email: 'ana@example.com' },
          { name: null, email: '"Nobody"' },
        ],
      ],
    ],
    clause:
      'RFC 8621 §4.1.2.3 (best effort; "MAY have an email property that does not conform to the addr-spec form")',
    what: 'Cyrus drops the entry "Nobody" (a name without an address); Mailwright keeps its text as email',
  },
];

/** Threading differences; §3 leaves the algorithm to the server. */
export const THREAD_CHOICES: readonly ThreadDifference[] = [
  {
    file: '21-reply-new-subject.eml',
    joins: '09-thread-root.eml',
    clause: 'RFC 8621 §3 ("The exact algorithm … is not mandated"; it suggests also comparing base subjects)',
    what: 'a reply whose subject changed starts a new thread on Cyrus; Mailwright threads by references only',
  },
];

/**
 * Where Mailwright deviates from the RFCs: left out of the comparison and asserted as the RFC says in an
 * `it.failing` until `lambdas/` is fixed (then the entry goes).
 */
export const MAILWRIGHT_BUGS: readonly Difference[] = [];

/** Where a search finds other emails than Cyrus's; §4.4.1 leaves text matching to the server. */
export interface SearchDifference {
  /** The filter condition (JSON), combined with `inMailbox`. */
  readonly filter: string;
  /** Emails Cyrus finds and Mailwright does not. */
  readonly onlyCyrus: readonly string[];
  /** Emails Mailwright finds and Cyrus does not. */
  readonly onlyMailwright: readonly string[];
  readonly clause: string;
  readonly what: string;
}

export const SEARCH_CHOICES: readonly SearchDifference[] = [
  {
    filter: JSON.stringify({ subject: 'café' }),
    onlyCyrus: ['19-windows-1252-labelled-latin1.eml'],
    onlyMailwright: [],
    clause: "RFC 8621 §4.1.2.2 and RFC 2047 §5 (1), as for this file's subject in CYRUS_DEVIATIONS",
    what: 'Cyrus decodes the encoded word glued to "Re:" and finds "café"; Mailwright searches the subject as shown',
  },
];

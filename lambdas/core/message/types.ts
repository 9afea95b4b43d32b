/** One header field as it appears in an entity: the name as written and the value in RFC 8621's *Raw* form. */
export interface HeaderField {
  /** The field name with its capitalisation in the message. */
  readonly name: string;
  /**
   * Everything after the colon up to (not including) the line break that ends the field, folding line breaks
   * included; decoded as UTF-8 with U+FFFD for invalid sequences, NUL removed.
   */
  readonly value: string;
}

/**
 * One MIME entity of a message: the message itself, a part of a multipart, or an encapsulated message.
 *
 * Numbering follows IMAP (RFC 3501 §6.4.5): the children of a multipart are numbered 1, 2, … below the
 * multipart's own section; a message whose body is not multipart has a single part `1` (`2.1` when the message is
 * encapsulated in part `2`); a multipart message encapsulated in part `2` numbers its children `2.1`, `2.2`, ….
 */
export interface MimeEntity {
  /**
   * The IMAP section number. The top-level multipart has `''`, an encapsulated multipart message shares the
   * section of its `message/rfc822` part, every other entity has a number of its own.
   */
  readonly section: string;
  /** RFC 8621 `partId`: the section number, unique within the message; `null` for a multipart. */
  readonly partId: string | null;
  /** Header fields in message order. */
  readonly headers: readonly HeaderField[];
  /**
   * Lower-case `type/subtype`: from a valid Content-Type, else the implicit type (`text/plain`, or
   * `message/rfc822` inside `multipart/digest`).
   */
  readonly type: string;
  /** The Content-Type parameters, names lower-cased, RFC 2231 and RFC 2047 decoded. */
  readonly parameters: ReadonlyMap<string, string>;
  /** Whether a syntactically valid Content-Type header field gave `type`. */
  readonly hasContentType: boolean;
  /** The lower-case Content-Transfer-Encoding token; `''` when the field is absent. */
  readonly transferEncoding: string;
  /** Offset of the first header byte. */
  readonly start: number;
  /** Offset of the first body byte (just after the blank line ending the header block). */
  readonly bodyStart: number;
  /** Offset just past the last body byte. */
  readonly end: number;
  /** The children of a multipart, in order; empty for other entities. */
  readonly subParts: readonly MimeEntity[];
  /** The encapsulated message of a `message/rfc822` or `message/global` part; `null` otherwise. */
  readonly message: MimeEntity | null;
}

/** Bounds on the work done for one message; every field is optional and has a default. */
export interface MimeLimits {
  /** Deepest nesting of multiparts and encapsulated messages that is parsed. @default 32 */
  readonly maxDepth?: number;
  /** Most entities parsed in one message (WorkMail accepts at most 500 attachments). @default 500 */
  readonly maxParts?: number;
  /** Longest header block read per entity, in bytes. @default 262144 */
  readonly maxHeaderBytes?: number;
  /** Most header fields kept per entity. @default 10000 */
  readonly maxHeaderFields?: number;
}

/** A parsed message: the entity tree over the raw bytes. */
export interface MimeMessage {
  /** The raw RFC 5322 message; every offset in the tree points into it. */
  readonly raw: Buffer;
  /** The top-level entity. */
  readonly root: MimeEntity;
  /** Whether a limit cut the tree short (parts not parsed, or header fields dropped). */
  readonly isTruncated: boolean;
}

/** Text decoded from bytes in a charset, and whether the decoding met a problem. */
export interface DecodedText {
  readonly text: string;
  /** The charset was unknown, or malformed sequences were replaced with U+FFFD. */
  readonly isEncodingProblem: boolean;
}

/**
 * The IMAP command syntax tree (RFC 9051, RFC 3501 and the extensions Mailwright announces) and the values a
 * response is built from. The reader (`command-reader.ts`) produces {@link Command}s; the session translates them to
 * the mailbox model; the writer (`response-writer.ts`) encodes {@link ImapValue}s. Nothing here knows the model.
 */

/** One end of a sequence range: a number, or `*` (the largest number in use). */
export type SequenceNumber = number | '*';

/** `a:b` (or a single number, `from === to`); the ends may come in either order (RFC 9051 §9 `seq-range`). */
export interface SequenceRange {
  readonly from: SequenceNumber;
  readonly to: SequenceNumber;
}

/** A sequence set: message sequence numbers, or UIDs in UID commands. `$` is the saved search result (SEARCHRES). */
export type SequenceSet = readonly SequenceRange[] | '$';

/** A message part by its numbers (`1.2.3`); empty for the whole message. */
export type PartNumbers = readonly number[];

/** The section of `BODY[...]` / `BODY.PEEK[...]` (RFC 9051 §6.4.5). */
export interface SectionSpec {
  readonly part: PartNumbers;
  /** Absent: the whole part (or the whole message when `part` is empty). */
  readonly text?: 'HEADER' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT' | 'TEXT' | 'MIME';
  /** Field names of `HEADER.FIELDS` / `HEADER.FIELDS.NOT`, as the client wrote them. */
  readonly fields?: readonly string[];
}

/** `<start.length>` of a partial fetch. */
export interface Partial {
  readonly start: number;
  readonly length: number;
}

/** One fetch attribute; the macros ALL, FAST and FULL are expanded by the parser. */
export type FetchItem =
  | {
      readonly type:
        | 'FLAGS'
        | 'UID'
        | 'INTERNALDATE'
        | 'RFC822.SIZE'
        | 'ENVELOPE'
        | 'BODYSTRUCTURE'
        /** `BODY` without a section: the non-extensible body structure. */
        | 'BODY'
        | 'MODSEQ'
        | 'RFC822'
        | 'RFC822.HEADER'
        | 'RFC822.TEXT';
    }
  | {
      readonly type: 'BODY[]';
      readonly peek: boolean;
      readonly section: SectionSpec;
      readonly partial?: Partial;
    }
  | {
      readonly type: 'BINARY[]';
      readonly peek: boolean;
      readonly part: PartNumbers;
      readonly partial?: Partial;
    }
  | { readonly type: 'BINARY.SIZE'; readonly part: PartNumbers };

/** A search key (RFC 9051 §6.4.4); a list of keys in a command is an `and`. Dates are `YYYY-MM-DD`. */
export type SearchKey =
  | { readonly type: 'all' }
  | { readonly type: 'and'; readonly keys: readonly SearchKey[] }
  | { readonly type: 'or'; readonly left: SearchKey; readonly right: SearchKey }
  | { readonly type: 'not'; readonly key: SearchKey }
  /** A system flag (`\Seen`, …) or a keyword; `set: false` for UNSEEN, UNKEYWORD, … NEW = RECENT UNSEEN. */
  | { readonly type: 'flag'; readonly flag: string; readonly set: boolean }
  | { readonly type: 'recent'; readonly set: boolean }
  /** FROM, TO, CC, BCC, SUBJECT and HEADER: `field` lower case. */
  | { readonly type: 'header'; readonly field: string; readonly value: string }
  | { readonly type: 'body'; readonly value: string }
  | { readonly type: 'text'; readonly value: string }
  /** BEFORE/ON/SINCE (internal date) and SENTBEFORE/SENTON/SENTSINCE (the Date: header). */
  | {
      readonly type: 'date';
      readonly field: 'internal' | 'sent';
      readonly op: 'before' | 'on' | 'since';
      readonly date: string;
    }
  | { readonly type: 'size'; readonly op: 'larger' | 'smaller'; readonly bytes: number }
  | { readonly type: 'uid'; readonly set: SequenceSet }
  | { readonly type: 'seq'; readonly set: SequenceSet }
  /** CONDSTORE `MODSEQ n` (the entry-name form is parsed and ignored). */
  | { readonly type: 'modseq'; readonly modseq: number }
  /** WITHIN (RFC 5032): OLDER / YOUNGER than this many seconds. */
  | { readonly type: 'age'; readonly op: 'older' | 'younger'; readonly seconds: number };

/** ESEARCH return options (RFC 4731, RFC 5182). An empty list means `ALL`. */
export type SearchReturn = 'MIN' | 'MAX' | 'ALL' | 'COUNT' | 'SAVE';

/** QRESYNC parameters of SELECT/EXAMINE (RFC 7162 §3.2.5). */
export interface QresyncParameters {
  readonly uidValidity: number;
  readonly modseq: number;
  readonly knownUids?: SequenceSet;
  readonly sequenceMatch?: { readonly sequences: SequenceSet; readonly uids: SequenceSet };
}

/** LIST's selection and return options (RFC 5258, RFC 6154, RFC 5819). */
export interface ListOptions {
  /** SUBSCRIBED, REMOTE, RECURSIVEMATCH, SPECIAL-USE (upper case). */
  readonly selection: readonly string[];
  readonly returnSubscribed: boolean;
  readonly returnChildren: boolean;
  readonly returnSpecialUse: boolean;
  /** LIST-STATUS: the STATUS items asked for (upper case), if any. */
  readonly returnStatus?: readonly string[];
}

/** A message of APPEND (several with MULTIAPPEND). */
export interface AppendMessage {
  readonly flags: readonly string[];
  /** The internal date the client gave, as epoch ms. */
  readonly internalDate?: number;
  readonly content: Buffer;
  /** Sent as `literal8` (`~{n}`, RFC 3516). */
  readonly binary: boolean;
}

type Tagged<T> = T & { readonly tag: string };

/** A parsed command. Mailbox names are decoded (modified UTF-7 or UTF-8) to Unicode. */
export type Command = Tagged<
  | {
      readonly name:
        'CAPABILITY' | 'NOOP' | 'LOGOUT' | 'STARTTLS' | 'CHECK' | 'CLOSE' | 'UNSELECT' | 'IDLE' | 'NAMESPACE';
    }
  /** EXPUNGE, or UID EXPUNGE with its set. */
  | { readonly name: 'EXPUNGE'; readonly uidSet?: SequenceSet }
  | { readonly name: 'LOGIN'; readonly user: string; readonly password: string }
  /** `initialResponse`: the SASL-IR argument as sent (base64, or `=` for an empty one). */
  | { readonly name: 'AUTHENTICATE'; readonly mechanism: string; readonly initialResponse?: string }
  | { readonly name: 'ID'; readonly parameters: Readonly<Record<string, string | null>> | null }
  | { readonly name: 'ENABLE'; readonly capabilities: readonly string[] }
  | {
      readonly name: 'SELECT' | 'EXAMINE';
      readonly mailbox: string;
      readonly condstore: boolean;
      readonly qresync?: QresyncParameters;
    }
  | { readonly name: 'CREATE' | 'DELETE' | 'SUBSCRIBE' | 'UNSUBSCRIBE'; readonly mailbox: string }
  | { readonly name: 'RENAME'; readonly from: string; readonly to: string }
  | {
      readonly name: 'LIST';
      readonly reference: string;
      readonly patterns: readonly string[];
      readonly options: ListOptions;
    }
  | { readonly name: 'LSUB'; readonly reference: string; readonly pattern: string }
  | { readonly name: 'STATUS'; readonly mailbox: string; readonly items: readonly string[] }
  | { readonly name: 'APPEND'; readonly mailbox: string; readonly messages: readonly AppendMessage[] }
  | {
      readonly name: 'FETCH';
      readonly uid: boolean;
      readonly set: SequenceSet;
      readonly items: readonly FetchItem[];
      readonly changedSince?: number;
      /** QRESYNC `VANISHED` modifier of UID FETCH. */
      readonly vanished: boolean;
    }
  | {
      readonly name: 'STORE';
      readonly uid: boolean;
      readonly set: SequenceSet;
      readonly mode: 'replace' | 'add' | 'remove';
      readonly silent: boolean;
      readonly flags: readonly string[];
      readonly unchangedSince?: number;
    }
  | {
      readonly name: 'SEARCH';
      readonly uid: boolean;
      readonly charset?: string;
      readonly criteria: SearchKey;
      /** ESEARCH: present when the client wrote `RETURN (...)`. */
      readonly returns?: readonly SearchReturn[];
    }
  | {
      readonly name: 'COPY' | 'MOVE';
      readonly uid: boolean;
      readonly set: SequenceSet;
      readonly mailbox: string;
    }
>;

/** An atom written as is: flags (`\Seen`), NIL-free keywords, response codes. */
export interface ImapAtom {
  readonly atom: string;
}

/** Bytes written as a literal (`{n}\r\n` then the bytes), or `~{n}` for binary content. */
export interface ImapLiteral {
  readonly literal: Buffer;
  readonly binary?: boolean;
}

/**
 * A value of a response: `null` is NIL, a number is written as digits, a string as a quoted string when it can be
 * one (else as a literal), an array as a parenthesised list.
 */
export type ImapValue = null | number | string | ImapAtom | ImapLiteral | readonly ImapValue[];

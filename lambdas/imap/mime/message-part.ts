/**
 * The part tree of one message: byte offsets into the raw message plus what its Content-* fields say. Built by
 * `parseMessage`; every other function of this module reads it.
 */
import type { ContentFields } from './content-fields';
import type { HeaderField } from './header-fields';

/**
 * How a part is split: a multipart into `children`, a message/rfc822 (or message/global) part into its embedded
 * `message`; a leaf (also a part nested too deeply to be split) is opaque.
 */
export type PartKind = 'multipart' | 'message' | 'leaf';

/** One part of a message, or the message itself (the root). Offsets index the raw message; nothing is copied. */
export interface MessagePart {
  readonly headerStart: number;
  /** After the blank line that ends the header (or where the header stopped: a boundary or the end). */
  readonly headerEnd: number;
  /** Equal to `headerEnd`. */
  readonly bodyStart: number;
  /** Before the line break that precedes the next boundary line, or the end of the message. */
  readonly bodyEnd: number;
  readonly fields: readonly HeaderField[];
  readonly content: Readonly<ContentFields>;
  readonly kind: PartKind;
  /** The parts of a multipart, in order. Empty for other kinds (and for a multipart without a usable boundary). */
  readonly children: readonly MessagePart[];
  /** The embedded message of a `message` part. */
  readonly message?: MessagePart;
  /** 0 for the root; a multipart's children and a message part's embedded message are one deeper. */
  readonly depth: number;
  /** LF count of the body. */
  readonly bodyLines: number;
  /** Octets of the body with every bare LF counted as CRLF (as the body is served). */
  readonly bodySize: number;
}

/** Writable while the parser builds it. */
export type PartDraft = {
  -readonly [K in Exclude<keyof MessagePart, 'children' | 'message'>]: MessagePart[K];
} & { children: PartDraft[]; message?: PartDraft; content: ContentFields };

/** Whether a part is text/* for BODYSTRUCTURE (a missing Content-Type means text/plain). */
export function isText(part: MessagePart): boolean {
  return part.kind === 'leaf' && (part.content.type ?? 'text').toLowerCase() === 'text';
}

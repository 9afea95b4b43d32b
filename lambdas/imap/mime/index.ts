/**
 * Message structure for IMAP FETCH and SEARCH: pure functions over the raw bytes of one message. `parseMessage`
 * builds the part tree (offsets only); the others read it. Where the RFCs leave room they follow Dovecot, so that a
 * differential test against Dovecot can compare outputs; `README.md` in this folder lists those choices.
 */
export { parseMessage, MAX_DEPTH, MAX_PARTS } from './parse-message';
export type { MessagePart, PartKind } from './message-part';
export type { ContentFields, MimeParameter } from './content-fields';
export type { HeaderField } from './header-fields';
export { envelope } from './envelope';
export { bodyStructure } from './body-structure';
export { sectionBytes, applyPartial, findPart, withCrlfLineEnds } from './sections';
export { binaryBytes } from './binary';
export { sentDate, parseRfc5322Date } from './sent-date';

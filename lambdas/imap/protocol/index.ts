/**
 * The IMAP protocol layer: framing and parsing client commands, and encoding responses. Written by hand (see
 * `command-parser.ts` for why); the session in `lambdas/imap/` maps commands onto the mailbox model.
 */
export { CommandReader } from './command-reader';
export type { CommandReaderOptions, ReaderEvent } from './command-reader';
export { commandHead, parseCommand } from './command-parser';
export type { CommandHead } from './command-parser';
export { decodeMailboxName, encodeMailboxName, MailboxNameError } from './mailbox-name';
export {
  formatSequenceSet,
  parseSequenceSet,
  selectSequenceSet,
  sequenceSetHas,
  sequenceSetMaxNumber,
} from './sequence-set';
export {
  continuation,
  encodeValue,
  encodeValues,
  MAX_QUOTED_BYTES,
  tagged,
  untagged,
  untaggedStatus,
} from './response-writer';
export type { WriteOptions } from './response-writer';
export { ImapSyntaxError } from './tokenizer';
export type { FramedCommand, FramedLiteral } from './tokenizer';
export type {
  AppendMessage,
  Command,
  FetchItem,
  ImapAtom,
  ImapLiteral,
  ImapValue,
  ListOptions,
  PartNumbers,
  Partial,
  QresyncParameters,
  SearchKey,
  SearchReturn,
  SectionSpec,
  SequenceNumber,
  SequenceRange,
  SequenceSet,
} from './types';

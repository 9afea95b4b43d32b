/** The JMAP corpus messages by file-name prefix, with CRLF line ends, and small text helpers for expectations. */
import { loadJmapCorpus } from '../../../support/jmap-corpus';

const corpus = loadJmapCorpus();

/** The raw bytes of the corpus message whose file name starts with `prefix` (e.g. `'05'`). */
export function corpusMessage(prefix: string): Buffer {
  const message = corpus.find(({ file }) => file.startsWith(prefix));
  if (message === undefined) throw new Error(`no corpus message ${prefix}`);
  return message.raw;
}

/** Every corpus message. */
export function allCorpusMessages(): readonly { readonly file: string; readonly raw: Buffer }[] {
  return corpus;
}

/** The text after the first occurrence of `marker` up to the next occurrence of `end` (independent of the parser). */
export function between(text: string, marker: string, end: string): string {
  const start = text.indexOf(marker) + marker.length;
  return text.slice(start, text.indexOf(end, start));
}

/** LF count of a text. */
export function lineCount(text: string): number {
  return text.split('\n').length - 1;
}

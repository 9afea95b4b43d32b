import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JmapCaller } from './jmap-caller';
import type { JsonValue } from './jmap-email-canonical';

/** One corpus message: its file name and its bytes with CRLF line ends, as SMTP and IMAP carry them. */
export interface CorpusMessage {
  readonly file: string;
  readonly raw: Buffer;
}

const CORPUS = fileURLToPath(new URL('../fixtures/jmap-corpus/', import.meta.url));

/**
 * The JMAP corpus (test/fixtures/jmap-corpus/*.eml) in delivery order. The files keep LF line ends so they stay
 * editable; each has a distinct Message-ID line, which identifies it on any server.
 * @example
 * for (const { raw } of loadJmapCorpus()) await send(raw);
 */
export function loadJmapCorpus(): CorpusMessage[] {
  return readdirSync(CORPUS)
    .filter((file) => file.endsWith('.eml'))
    .sort()
    .map((file) => {
      const text = readFileSync(CORPUS + file, 'latin1').replace(/\r?\n/g, '\r\n');
      return { file, raw: Buffer.from(text, 'latin1') };
    });
}

/** Every content property of RFC 8621 §4.1, header forms of §4.1.2 and `:all` (§4.1.3). */
export const CONTENT_PROPERTIES = [
  ...['messageId', 'inReplyTo', 'references', 'sender', 'from', 'to', 'cc', 'bcc', 'replyTo', 'subject'],
  ...['sentAt', 'hasAttachment', 'preview', 'size', 'headers'],
  ...['bodyStructure', 'textBody', 'htmlBody', 'attachments', 'bodyValues'],
  ...['header:Subject:asText', 'header:From:asAddresses', 'header:To:asGroupedAddresses'],
  ...['header:Message-ID:asMessageIds', 'header:Date:asDate', 'header:List-Unsubscribe:asURLs'],
  ...['header:Received:all', 'header:X-Tag:asText:all'],
];

/** The RFC's default body properties plus the tree and the part headers. */
const BODY_PROPERTIES = [
  ...['partId', 'blobId', 'size', 'name', 'type', 'charset', 'disposition', 'cid', 'language', 'location'],
  ...['subParts', 'headers'],
];

/** One server's view of the corpus in its inbox, keyed by corpus file. */
export interface CorpusView {
  readonly jmap: JmapCaller;
  readonly inbox: string;
  readonly idOf: ReadonlyMap<string, string>;
  readonly fileOf: ReadonlyMap<string, string>;
  readonly threadOf: ReadonlyMap<string, string>;
  /** Email/get of {@link CONTENT_PROPERTIES} with every body value. */
  readonly emails: ReadonlyMap<string, Record<string, JsonValue>>;
}

/**
 * Reads the corpus back from a JMAP account whose inbox holds it.
 * @example
 * const view = await corpusView(jmap, loadJmapCorpus());
 * view.emails.get('01-plain-newsletter.eml')?.subject;
 */
export async function corpusView(jmap: JmapCaller, corpus: readonly CorpusMessage[]): Promise<CorpusView> {
  const mailboxes = await jmap.call('Mailbox/get', {});
  const inbox = mailboxes.list.find((mailbox) => mailbox.role === 'inbox')!.id;
  const { ids } = await jmap.call('Email/query', { filter: { inMailbox: inbox } });
  const { list } = await jmap.call('Email/get', { ids, properties: ['header:Message-ID', 'threadId'] });
  const fileByMessageId = new Map(
    corpus.map(({ file, raw }) => [/^Message-ID:(.*)$/im.exec(raw.toString('latin1'))![1].trim(), file]),
  );
  const fileOf = new Map(
    list.map((email) => [email.id, fileByMessageId.get(email['header:Message-ID'].trim())!]),
  );
  const idOf = new Map([...fileOf].map(([id, file]) => [file, id]));
  const threadOf = new Map(list.map((email) => [fileOf.get(email.id)!, email.threadId]));
  const full = await jmap.call('Email/get', {
    ids,
    properties: CONTENT_PROPERTIES,
    bodyProperties: BODY_PROPERTIES,
    fetchAllBodyValues: true,
  });
  const emails = new Map(
    full.list.map((email) => [fileOf.get(email.id)!, email as unknown as Record<string, JsonValue>]),
  );
  return { jmap, inbox, idOf, fileOf, threadOf, emails };
}

import type { Email } from 'jmap-rfc-types';
import type { MailAccount } from './jmap';

/** A folder as the web app shows it. */
export interface Folder {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly role: string | null;
  readonly sortOrder: number;
  readonly totalEmails: number;
  readonly unreadEmails: number;
}

/** One row of the message list. */
export interface MessageSummary {
  readonly id: string;
  readonly threadId: string;
  readonly mailboxIds: Readonly<Record<string, boolean>>;
  readonly keywords: Readonly<Record<string, boolean>>;
  readonly from: readonly { readonly name?: string | null; readonly email: string }[] | null;
  readonly subject: string | null;
  readonly receivedAt: string;
  readonly preview: string;
  readonly hasAttachment: boolean;
}

/** A message opened in the reading pane. */
export interface MessageDetail extends MessageSummary {
  readonly to: MessageSummary['from'];
  readonly cc: MessageSummary['from'];
  readonly replyTo: MessageSummary['from'];
  /** The Message-ID and References header values, for replies. */
  readonly messageId: readonly string[] | null;
  readonly references: readonly string[] | null;
  readonly html?: string;
  readonly text?: string;
  readonly attachments: readonly {
    readonly blobId: string;
    readonly name: string | null;
    readonly type: string;
    readonly size: number;
  }[];
}

/** Which messages a list shows: a folder, a search, or both. */
export interface ListQuery {
  readonly folderId?: string;
  readonly text?: string;
}

/** One window of a message list, and the list's length. */
export interface ListPage {
  readonly position: number;
  readonly total: number;
  readonly messages: readonly MessageSummary[];
}

const SUMMARY: EmailProperty[] = [
  'id',
  'threadId',
  'mailboxIds',
  'keywords',
  'from',
  'subject',
  'receivedAt',
  'preview',
  'hasAttachment',
];

type Json = Record<string, unknown>;
/** A property name Email/get accepts. */
type EmailProperty = keyof Email;

/** Every folder with its counts. */
export async function listFolders(account: MailAccount): Promise<Folder[]> {
  const [result] = await account.client.request(['Mailbox/get', { accountId: account.accountId }]);
  return result.list as unknown as Folder[];
}

/** Messages `position` to `position + limit` of a list, newest first, threads collapsed to their newest message. */
export async function listPage(
  account: MailAccount,
  query: ListQuery,
  position: number,
  limit: number,
): Promise<ListPage> {
  const filter: Json = {};
  if (query.folderId) filter.inMailbox = query.folderId;
  if (query.text) filter.text = query.text;
  const [{ q, g }] = await account.client.requestMany((b) => {
    const q = b.Email.query({
      accountId: account.accountId,
      filter,
      sort: [{ property: 'receivedAt', isAscending: false }],
      collapseThreads: true,
      position,
      limit,
      calculateTotal: true,
    });
    return { q, g: b.Email.get({ accountId: account.accountId, ids: q.$ref('/ids'), properties: SUMMARY }) };
  });
  const byId = new Map((g.list as unknown as MessageSummary[]).map((message) => [message.id, message]));
  const messages = q.ids.flatMap((id) => byId.get(id) ?? []);
  return { position: q.position, total: q.total ?? messages.length, messages };
}

const DETAIL = [
  ...SUMMARY,
  'to',
  'cc',
  'replyTo',
  'messageId',
  'references',
  'htmlBody',
  'textBody',
  'attachments',
  'bodyValues',
] as EmailProperty[];

/** A message with its bodies (HTML preferred) and attachments. */
export async function openMessage(account: MailAccount, id: string): Promise<MessageDetail | undefined> {
  const [g] = await account.client.request([
    'Email/get',
    {
      accountId: account.accountId,
      ids: [id],
      properties: DETAIL,
      fetchHTMLBodyValues: true,
      fetchTextBodyValues: true,
    },
  ]);
  const email = (g.list as unknown as Json[])[0];
  return email && detailOf(email);
}

/** A message opened with its conversation: every message of its thread, oldest first (summaries only). */
export interface Conversation {
  readonly message: MessageDetail;
  readonly thread: readonly MessageSummary[];
}

/**
 * Opens a message and, in the same request, its thread (Thread/get) and the thread's messages' summaries
 * (Email/get): one round trip, bodies only for the message asked for.
 */
export async function openConversation(account: MailAccount, id: string): Promise<Conversation | undefined> {
  const [{ message, threads, thread }] = await account.client.requestMany((b) => {
    const message = b.Email.get({
      accountId: account.accountId,
      ids: [id],
      properties: DETAIL,
      fetchHTMLBodyValues: true,
      fetchTextBodyValues: true,
    });
    const threads = b.Thread.get({ accountId: account.accountId, ids: message.$ref('/list/*/threadId') });
    const thread = b.Email.get({
      accountId: account.accountId,
      ids: threads.$ref('/list/*/emailIds'),
      properties: SUMMARY,
    });
    return { message, threads, thread };
  });
  const email = (message.list as unknown as Json[])[0];
  if (!email) return undefined;
  const byId = new Map((thread.list as unknown as MessageSummary[]).map((member) => [member.id, member]));
  const order = threads.list[0]?.emailIds ?? [];
  return { message: detailOf(email), thread: order.flatMap((memberId) => byId.get(memberId) ?? []) };
}

function detailOf(email: Json): MessageDetail {
  const values = email.bodyValues as Record<string, { value: string }>;
  const parts = (list: unknown) => (list as { partId: string; type: string }[]) ?? [];
  const html = parts(email.htmlBody).find((part) => part.type === 'text/html');
  const text = parts(email.textBody).find((part) => part.type === 'text/plain');
  return {
    ...(email as unknown as MessageSummary),
    to: email.to as MessageDetail['to'],
    cc: email.cc as MessageDetail['cc'],
    replyTo: email.replyTo as MessageDetail['replyTo'],
    messageId: email.messageId as MessageDetail['messageId'],
    references: email.references as MessageDetail['references'],
    html: html ? values[html.partId]?.value : undefined,
    text: text ? values[text.partId]?.value : undefined,
    attachments: (email.attachments as MessageDetail['attachments']) ?? [],
  };
}

/** Changes messages: keywords and folders, as JMAP patches (`keywords/$seen`, `mailboxIds`). */
export async function updateMessages(
  account: MailAccount,
  patches: Readonly<Record<string, Json>>,
): Promise<void> {
  const [result] = await account.client.request([
    'Email/set',
    { accountId: account.accountId, update: patches as never },
  ]);
  const failed = Object.values(result.notUpdated ?? {}) as { type: string }[];
  if (failed.length > 0) throw new Error(`The change was refused (${failed[0]!.type}).`);
}

import { cleanComposedHtml, escapeHtml, htmlToText, textToHtml } from './compose-html';
import type { MailAccount } from './jmap';
import type { MessageDetail } from './mail-data';

/** An address the user may send from (JMAP Identity): own addresses, aliases, SEND_AS / SEND_ON_BEHALF mailboxes. */
export interface Identity {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

/** An uploaded attachment, or one carried over from a forwarded message. */
export interface Attachment {
  readonly blobId: string;
  readonly name: string;
  readonly type: string;
  readonly size: number;
}

/**
 * A message being written. Addresses are as typed: comma- or semicolon-separated. A rich-text message has `html`
 * (its text/plain alternative is derived from it when saved); a plain-text one has only `body`.
 */
export interface Draft {
  readonly identityId: string;
  readonly to: string;
  readonly cc: string;
  readonly bcc: string;
  readonly subject: string;
  readonly body: string;
  readonly html?: string;
  readonly attachments: readonly Attachment[];
  readonly inReplyTo?: readonly string[];
  readonly references?: readonly string[];
}

/** Folder ids composing needs. */
export interface ComposeFolders {
  readonly drafts: string;
}

/** The sending identities, the account owner's first. */
export async function loadIdentities(account: MailAccount): Promise<Identity[]> {
  const [result] = await account.client.request(['Identity/get', { accountId: account.accountId }]);
  return result.list as unknown as Identity[];
}

/** Uploads a file the user attached. */
export async function uploadAttachment(account: MailAccount, file: File): Promise<Attachment> {
  const uploaded = await account.client.uploadBlob(account.accountId, file);
  return { blobId: uploaded.blobId, name: file.name, type: uploaded.type || file.type, size: uploaded.size };
}

const addressList = (text: string) =>
  text
    .split(/[,;]/)
    .map((address) => address.trim())
    .filter(Boolean)
    .map((email) => ({ email }));

/**
 * The JMAP Email/set `create` object of a draft: the server composes the MIME message — multipart/alternative
 * (text/plain derived from the HTML, then the HTML cleaned by DOMPurify) for rich text.
 */
function emailOf(draft: Draft, identity: Identity, folders: ComposeFolders): Record<string, unknown> {
  const html = draft.html === undefined ? undefined : cleanComposedHtml(draft.html);
  return {
    mailboxIds: { [folders.drafts]: true },
    keywords: { $draft: true, $seen: true },
    from: [{ name: identity.name || null, email: identity.email }],
    to: addressList(draft.to),
    cc: addressList(draft.cc),
    bcc: addressList(draft.bcc),
    subject: draft.subject,
    inReplyTo: draft.inReplyTo ?? null,
    references: draft.references ?? null,
    bodyValues: {
      text: { value: html === undefined ? draft.body : htmlToText(html) },
      ...(html === undefined ? {} : { html: { value: html } }),
    },
    textBody: [{ partId: 'text', type: 'text/plain' }],
    ...(html === undefined ? {} : { htmlBody: [{ partId: 'html', type: 'text/html' }] }),
    attachments: draft.attachments.map((attachment) => ({
      blobId: attachment.blobId,
      type: attachment.type,
      name: attachment.name,
      disposition: 'attachment',
    })),
  };
}

/**
 * Saves the draft into Drafts as a new message and removes the previous version in the same request (JMAP messages
 * are immutable). Returns the new draft's id.
 */
export async function saveDraft(
  account: MailAccount,
  draft: Draft,
  identity: Identity,
  folders: ComposeFolders,
  previousId?: string,
): Promise<string> {
  const [result] = await account.client.request([
    'Email/set',
    {
      accountId: account.accountId,
      create: { draft: emailOf(draft, identity, folders) as never },
      destroy: previousId ? [previousId] : undefined,
    },
  ]);
  const created = result.created?.draft as { id: string } | undefined;
  if (!created) throw new Error(refusal(result.notCreated?.draft));
  return created.id;
}

/**
 * Sends the message: creates it and submits it in one request; the server delivers it, keeps a copy in Sent Items,
 * and the submitted draft and any saved version are removed.
 */
export async function sendDraft(
  account: MailAccount,
  draft: Draft,
  identity: Identity,
  folders: ComposeFolders,
  savedId?: string,
): Promise<void> {
  const [responses] = await account.client.requestMany((b) => ({
    email: b.Email.set({
      accountId: account.accountId,
      create: { draft: emailOf(draft, identity, folders) as never },
      destroy: savedId ? [savedId] : undefined,
    }),
    submission: b.EmailSubmission.set({
      accountId: account.accountId,
      create: { send: { identityId: identity.id, emailId: '#draft' } as never },
      onSuccessDestroyEmail: ['#send'],
    }),
  }));
  const email = responses.email as { notCreated?: Record<string, unknown> };
  if (email.notCreated?.draft) throw new Error(refusal(email.notCreated.draft));
  const submission = responses.submission as { notCreated?: Record<string, unknown> };
  if (submission.notCreated?.send) throw new Error(refusal(submission.notCreated.send));
}

function refusal(error: unknown): string {
  const { type, description } = (error ?? {}) as { type?: string; description?: string };
  return description ?? `The server refused the message (${type ?? 'unknown error'}).`;
}

const quote = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');

const attribution = (message: MessageDetail) =>
  `On ${new Date(message.receivedAt).toLocaleString()}, ${named(message.from)} wrote:`;

const named = (list: MessageDetail['from']) =>
  (list ?? [])
    .map((address) => (address.name ? `${address.name} <${address.email}>` : address.email))
    .join(', ');

const prefixed = (prefix: string, subject: string | null) =>
  new RegExp(`^${prefix}:`, 'i').test(subject ?? '') ? (subject ?? '') : `${prefix}: ${subject ?? ''}`;

/** The original's HTML, or its text as HTML, for quoting (the editor cleans it as it is set). */
const originalHtml = (message: MessageDetail) => message.html ?? textToHtml(message.text ?? '');

/**
 * A reply (to the sender, or with `all` to everyone but the user), threaded by Message-ID, quoting the original
 * both ways: as `> ` lines in `body` (plain text) and as a `<blockquote>` in `html` (rich text).
 */
export function replyTo(message: MessageDetail, identity: Identity, all: boolean): Omit<Draft, 'identityId'> {
  const recipients = (message.replyTo?.length ? message.replyTo : message.from) ?? [];
  const others = all
    ? [...(message.to ?? []), ...(message.cc ?? [])].filter(
        (address) => address.email.toLowerCase() !== identity.email.toLowerCase(),
      )
    : [];
  return {
    to: recipients.map((address) => address.email).join(', '),
    cc: others.map((address) => address.email).join(', '),
    bcc: '',
    subject: prefixed('Re', message.subject),
    body: `\n\n${attribution(message)}\n${quote(message.text ?? '')}`,
    html: `<div><br></div><div>${escapeHtml(attribution(message))}</div><blockquote type="cite">${originalHtml(message)}</blockquote>`,
    attachments: [],
    inReplyTo: message.messageId ?? undefined,
    references: [...(message.references ?? []), ...(message.messageId ?? [])],
  };
}

/** A forward: the original's headers and body below (as text and as HTML), its attachments carried over. */
export function forwardOf(message: MessageDetail): Omit<Draft, 'identityId'> {
  const headers = [
    '---------- Forwarded message ----------',
    `From: ${named(message.from)}`,
    `Date: ${new Date(message.receivedAt).toLocaleString()}`,
    `Subject: ${message.subject ?? ''}`,
    `To: ${named(message.to)}`,
  ];
  return {
    to: '',
    cc: '',
    bcc: '',
    subject: prefixed('Fwd', message.subject),
    body: ['', '', ...headers, '', message.text ?? ''].join('\n'),
    html: `<div><br></div>${textToHtml(headers.join('\n'))}<div><br></div>${originalHtml(message)}`,
    attachments: message.attachments.map((attachment) => ({
      blobId: attachment.blobId,
      name: attachment.name ?? 'attachment',
      type: attachment.type,
      size: attachment.size,
    })),
  };
}

import { useEffect, useRef, useState } from 'preact/hooks';
import type { MailAccount } from './jmap';
import { openMessage, type MessageDetail } from './mail-data';
import { useOnDemand } from './on-demand';
import { showMailHtml } from './safe-html';

const addresses = (list: MessageDetail['from']) =>
  (list ?? [])
    .map((address) => (address.name ? `${address.name} <${address.email}>` : address.email))
    .join(', ');

/** Downloads an attachment with the signed-in credential and hands it to the browser as a file. */
async function download(
  account: MailAccount,
  attachment: MessageDetail['attachments'][number],
): Promise<void> {
  const response = await account.client.downloadBlob({
    accountId: account.accountId,
    blobId: attachment.blobId,
    mimeType: attachment.type,
    fileName: attachment.name ?? 'attachment',
  });
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), {
    href: url,
    download: attachment.name ?? 'attachment',
  });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The reading pane: headers, the body (HTML in a script-less sandboxed frame with remote content held back until
 * the user allows it for this message, else the plain text), and the attachments.
 */
export function Reader(props: {
  account: MailAccount;
  messageId: string;
  onOpened: (message: MessageDetail) => void;
}) {
  const [message, setMessage] = useState<MessageDetail | null>();
  const [allowRemote, setAllowRemote] = useState(false);
  const [blocked, setBlocked] = useState(0);
  const frame = useRef<HTMLIFrameElement>(null);
  const invitationPart = message?.attachments.find((part) => part.type.toLowerCase() === 'text/calendar');
  const invitations = useOnDemand(() => import('./calendar/invitation-card'), Boolean(invitationPart));

  useEffect(() => {
    let current = true;
    setMessage(undefined);
    setAllowRemote(false);
    void openMessage(props.account, props.messageId).then((opened) => {
      if (!current) return;
      setMessage(opened ?? null);
      if (opened) props.onOpened(opened);
    });
    return () => {
      current = false;
    };
  }, [props.messageId]);

  useEffect(() => {
    if (!message?.html || !frame.current) return;
    setBlocked(showMailHtml(frame.current, message.html, { allowRemote }).blockedRemote);
    const body = frame.current.contentDocument?.body;
    if (body) frame.current.style.height = `${body.scrollHeight + 32}px`;
  }, [message, allowRemote]);

  if (message === undefined) return <article aria-busy="true" class="reader" />;
  if (message === null) return <article class="reader">This message no longer exists.</article>;
  return (
    <article class="reader" aria-label="Message">
      <header>
        <h2>{message.subject || '(no subject)'}</h2>
        <dl>
          <dt>From</dt>
          <dd>{addresses(message.from)}</dd>
          <dt>To</dt>
          <dd>{addresses(message.to)}</dd>
          {message.cc && message.cc.length > 0 && (
            <>
              <dt>Cc</dt>
              <dd>{addresses(message.cc)}</dd>
            </>
          )}
          <dt>Date</dt>
          <dd>
            <time dateTime={message.receivedAt}>{new Date(message.receivedAt).toLocaleString()}</time>
          </dd>
        </dl>
      </header>
      {invitationPart && invitations && (
        <invitations.InvitationCard
          key={invitationPart.blobId}
          account={props.account}
          blobId={invitationPart.blobId}
        />
      )}
      {blocked > 0 && !allowRemote && (
        <p class="remote-notice" role="status">
          Remote content in this message was blocked to protect your privacy.{' '}
          <button class="secondary" onClick={() => setAllowRemote(true)}>
            Show remote content
          </button>
        </p>
      )}
      {message.html ? (
        <iframe
          ref={frame}
          title="Message body"
          sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
          class="body"
        />
      ) : (
        <pre class="body">{message.text ?? ''}</pre>
      )}
      {message.attachments.length > 0 && (
        <ul class="attachments" aria-label="Attachments">
          {message.attachments.map((attachment) => (
            <li key={attachment.blobId}>
              <button class="outline" onClick={() => void download(props.account, attachment)}>
                {attachment.name ?? 'attachment'} ({Math.ceil(attachment.size / 1024)} KB)
              </button>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

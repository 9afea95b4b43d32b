import { useEffect, useState } from 'preact/hooks';
import type { MailAccount } from './jmap';
import { openMessage, type Conversation, type MessageDetail, type MessageSummary } from './mail-data';
import { MessageBody, MessageHeaders } from './message-body';

const sender = (message: MessageSummary) => {
  const first = message.from?.[0];
  return first ? first.name || first.email : '(no sender)';
};

/**
 * A conversation in the reading pane: every message of the thread, oldest first, each a disclosure (`<details>`,
 * so Enter or Space opens and closes it). The newest and the one the user opened start expanded; a collapsed
 * message's body is loaded when it is first expanded.
 */
export function ConversationView(props: {
  account: MailAccount;
  conversation: Conversation;
  onOpened: (message: MessageDetail) => void;
}) {
  const { message, thread } = props.conversation;
  const newest = thread[thread.length - 1]!;
  return (
    <article class="reader conversation" aria-label="Conversation">
      <header>
        <h2>{message.subject || '(no subject)'}</h2>
        <p>{thread.length} messages in this conversation</p>
      </header>
      {thread.map((member) => (
        <ThreadMessage
          key={member.id}
          account={props.account}
          summary={member}
          detail={member.id === message.id ? message : undefined}
          initiallyOpen={member.id === newest.id || member.id === message.id}
          onOpened={props.onOpened}
        />
      ))}
    </article>
  );
}

function ThreadMessage(props: {
  account: MailAccount;
  summary: MessageSummary;
  detail?: MessageDetail;
  initiallyOpen: boolean;
  onOpened: (message: MessageDetail) => void;
}) {
  const { summary } = props;
  const [open, setOpen] = useState(props.initiallyOpen);
  const [detail, setDetail] = useState(props.detail);

  useEffect(() => {
    if (!open || detail) return;
    void openMessage(props.account, summary.id).then((opened) => {
      setDetail(opened);
      if (opened) props.onOpened(opened);
    });
  }, [open]);

  const when = new Date(summary.receivedAt).toLocaleString();
  return (
    <details
      class={summary.keywords.$seen ? 'thread-message' : 'thread-message unread'}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        <span class="from">{sender(summary)}</span> <time dateTime={summary.receivedAt}>{when}</time>
        {!open && <span class="preview">{summary.preview}</span>}
      </summary>
      {detail ? (
        <>
          <MessageHeaders message={detail} />
          <MessageBody
            account={props.account}
            message={detail}
            title={`Message body from ${sender(summary)}, ${when}`}
          />
        </>
      ) : (
        open && <p aria-busy="true">Loading…</p>
      )}
    </details>
  );
}

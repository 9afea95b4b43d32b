import { useEffect, useState } from 'preact/hooks';
import { ConversationView } from './conversation';
import type { MailAccount } from './jmap';
import { openConversation, type Conversation, type MessageDetail, type MessageSummary } from './mail-data';
import { MessageBody, MessageHeaders } from './message-body';

/**
 * The reading pane: the message (headers, body, attachments) or, when its thread holds several messages, the whole
 * conversation. Loaded in one request; `onOpened` gets each message whose body was loaded (to mark it read).
 */
export function Reader(props: {
  account: MailAccount;
  messageId: string;
  onOpened: (message: MessageDetail) => void;
  /** The opened message's thread, oldest first (one message when it has no conversation). */
  onThread: (thread: readonly MessageSummary[]) => void;
}) {
  const [conversation, setConversation] = useState<Conversation | null>();

  useEffect(() => {
    let current = true;
    setConversation(undefined);
    void openConversation(props.account, props.messageId).then((opened) => {
      if (!current) return;
      setConversation(opened ?? null);
      if (!opened) return;
      props.onThread(opened.thread);
      props.onOpened(opened.message);
    });
    return () => {
      current = false;
    };
  }, [props.messageId]);

  if (conversation === undefined) return <article aria-busy="true" class="reader" />;
  if (conversation === null) return <article class="reader">This message no longer exists.</article>;
  if (conversation.thread.length > 1)
    return <ConversationView account={props.account} conversation={conversation} onOpened={props.onOpened} />;
  const { message } = conversation;
  return (
    <article class="reader" aria-label="Message">
      <header>
        <h2>{message.subject || '(no subject)'}</h2>
        <MessageHeaders message={message} />
      </header>
      <MessageBody account={props.account} message={message} title="Message body" />
    </article>
  );
}

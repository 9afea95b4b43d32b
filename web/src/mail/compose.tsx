import { useEffect, useRef, useState } from 'preact/hooks';
import {
  saveDraft,
  sendDraft,
  uploadAttachment,
  type Attachment,
  type ComposeFolders,
  type Draft,
  type Identity,
} from './compose-data';
import { cleanComposedHtml, htmlToText, textToHtml } from './compose-html';
import type { MailAccount } from './jmap';
import { useOnDemand } from './on-demand';

/** How long typing must pause before the draft is saved. */
const AUTOSAVE_MS = 3_000;

/**
 * The compose form: identity, recipients, subject, the message (rich text, or plain text with the switch),
 * attachments. The draft is saved to Drafts a few seconds
 * after each change (each save replaces the last), sent with Send or Ctrl+Enter, and removed by Discard.
 */
export function Compose(props: {
  account: MailAccount;
  identities: readonly Identity[];
  folders: ComposeFolders;
  initial: Omit<Draft, 'identityId'>;
  /** After each save of the draft (folder counts and lists change). */
  onSaved: () => void;
  onDone: (outcome: 'sent' | 'discarded') => void;
}) {
  const [draft, setDraft] = useState<Draft>({ ...props.initial, identityId: props.identities[0]?.id ?? '' });
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const savedId = useRef<string | undefined>(undefined);
  const saving = useRef<Promise<void>>(Promise.resolve());
  const dirty = useRef(false);
  /** Set once Send or Discard starts: an autosave due then would leave a draft behind the sent message. */
  const closing = useRef(false);
  const rich = draft.html !== undefined;
  // The rich-text editor and Squire are loaded on first use, in a chunk of their own.
  const editorModule = useOnDemand(() => import('./rich-editor'), rich);
  const identity = () => props.identities.find((candidate) => candidate.id === draft.identityId)!;

  const update = (change: Partial<Draft>) => {
    dirty.current = true;
    setDraft((current) => ({ ...current, ...change }));
  };
  const save = () => {
    saving.current = saving.current.then(async () => {
      if (!dirty.current || closing.current) return;
      dirty.current = false;
      try {
        savedId.current = await saveDraft(props.account, draft, identity(), props.folders, savedId.current);
        setStatus(`Draft saved at ${new Date().toLocaleTimeString()}`);
        props.onSaved();
      } catch (failure) {
        setStatus(`The draft could not be saved: ${(failure as Error).message}`);
      }
    });
    return saving.current;
  };
  useEffect(() => {
    if (!dirty.current) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  const send = async () => {
    setBusy(true);
    closing.current = true;
    await saving.current;
    try {
      await sendDraft(props.account, draft, identity(), props.folders, savedId.current);
      props.onDone('sent');
    } catch (failure) {
      closing.current = false;
      setStatus((failure as Error).message);
      setBusy(false);
    }
  };
  const discard = async () => {
    closing.current = true;
    await saving.current;
    if (savedId.current)
      await props.account.client.request([
        'Email/set',
        { accountId: props.account.accountId, destroy: [savedId.current] },
      ]);
    props.onDone('discarded');
  };
  const attach = async (files: FileList | null) => {
    const uploaded: Attachment[] = [];
    setStatus('Uploading…');
    for (const file of files ?? []) uploaded.push(await uploadAttachment(props.account, file));
    setStatus('');
    update({ attachments: [...draft.attachments, ...uploaded] });
  };

  return (
    <form
      class="compose"
      aria-label="New message"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void send();
        }
      }}
    >
      <label>
        From
        <select
          value={draft.identityId}
          onChange={(event) => update({ identityId: event.currentTarget.value })}
        >
          {props.identities.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name ? `${candidate.name} <${candidate.email}>` : candidate.email}
            </option>
          ))}
        </select>
      </label>
      {(['to', 'cc', 'bcc'] as const).map((field) => (
        <label key={field}>
          {field === 'to' ? 'To' : field === 'cc' ? 'Cc' : 'Bcc'}
          <input
            type="text"
            name={field}
            value={draft[field]}
            autocomplete="email"
            onInput={(event) => update({ [field]: event.currentTarget.value })}
          />
        </label>
      ))}
      <label>
        Subject
        <input
          type="text"
          name="subject"
          value={draft.subject}
          onInput={(event) => update({ subject: event.currentTarget.value })}
        />
      </label>
      <label>
        <input
          type="checkbox"
          role="switch"
          checked={!rich}
          onChange={(event) =>
            update(
              event.currentTarget.checked
                ? { html: undefined, body: htmlToText(cleanComposedHtml(draft.html ?? '')) }
                : { html: textToHtml(draft.body) },
            )
          }
        />
        Plain text
      </label>
      {!rich ? (
        <label>
          Message
          <textarea
            name="body"
            rows={14}
            value={draft.body}
            onInput={(event) => update({ body: event.currentTarget.value })}
          />
        </label>
      ) : editorModule ? (
        <editorModule.RichEditor initialHtml={draft.html ?? ''} onChange={(html) => update({ html })} />
      ) : (
        <p aria-busy="true">Loading the editor…</p>
      )}
      <label>
        Attach files
        <input type="file" multiple onChange={(event) => void attach(event.currentTarget.files)} />
      </label>
      {draft.attachments.length > 0 && (
        <ul class="attachments" aria-label="Attached files">
          {draft.attachments.map((attachment) => (
            <li key={attachment.blobId}>
              {attachment.name} ({Math.ceil(attachment.size / 1024)} KB){' '}
              <button
                type="button"
                class="secondary outline"
                aria-label={`Remove ${attachment.name}`}
                onClick={() =>
                  update({
                    attachments: draft.attachments.filter((other) => other.blobId !== attachment.blobId),
                  })
                }
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="submit" aria-busy={busy} disabled={busy} aria-keyshortcuts="Control+Enter">
          Send
        </button>
        <button type="button" class="secondary outline" onClick={() => void save()}>
          Save draft
        </button>
        <button type="button" class="secondary outline" onClick={() => void discard()}>
          Discard
        </button>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { Compose } from './compose';
import { forwardOf, loadIdentities, replyTo, type Draft, type Identity } from './compose-data';
import { FolderTree } from './folders';
import type { MailAccount } from './jmap';
import {
  listFolders,
  updateMessages,
  type Folder,
  type MessageDetail,
  type MessageSummary,
} from './mail-data';
import { MessageList } from './message-list';
import { Reader } from './reader';
import { followChanges } from './live-updates';
import { useOnDemand } from './on-demand';
import { useShortcuts } from './shortcuts';
import { TokenSettings } from './tokens';
import { VacationSettings } from './vacation';

/** A change the user can take back: its description and the patch that restores the messages. */
interface Undoable {
  readonly label: string;
  readonly restore: Readonly<Record<string, Record<string, unknown>>>;
}

/** The mailbox: folders, the message list of a folder or search, the reading pane, and the actions on a message. */
export function MailView({ account, onSignOut }: { account: MailAccount; onSignOut: () => void }) {
  const [folders, setFolders] = useState<Folder[]>([]);
  const [folderId, setFolderId] = useState<string>();
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<MessageSummary>();
  const [version, setVersion] = useState(0);
  const [undo, setUndo] = useState<Undoable>();
  const [error, setError] = useState<string>();
  const [identities, setIdentities] = useState<Identity[]>([]);
  const [opened, setOpened] = useState<MessageDetail>();
  const [composing, setComposing] = useState<Omit<Draft, 'identityId'>>();
  const [notice, setNotice] = useState<string>();
  const [settingsOpen, setSettingsOpen] = useState<'vacation' | 'tokens'>();
  const [calendarOpen, setCalendarOpen] = useState(false);
  const calendar = useOnDemand(() => import('./calendar/calendar-view'), calendarOpen);

  const refresh = async () => {
    const list = await listFolders(account);
    setFolders(list);
    setFolderId((current) => current ?? list.find((folder) => folder.role === 'inbox')?.id);
    setVersion((n) => n + 1);
  };
  useEffect(() => {
    void refresh();
    void loadIdentities(account).then(setIdentities);
    return followChanges(account, () => void refresh());
  }, []);
  const blank = { to: '', cc: '', bcc: '', subject: '', body: '', attachments: [] };
  const reply = (all: boolean) =>
    opened && identities[0] && setComposing(replyTo(opened, identities[0], all));

  const change = async (patches: Record<string, Record<string, unknown>>, undoable?: Undoable) => {
    try {
      await updateMessages(account, patches);
      setUndo(undoable);
      setNotice(undefined);
      setError(undefined);
      await refresh();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const folderWithRole = (role: string) => folders.find((folder) => folder.role === role);
  const moveTo = (target: Folder | undefined, label: string) => {
    if (!selected || !target) return;
    setSelected(undefined);
    void change(
      { [selected.id]: { mailboxIds: { [target.id]: true } } },
      { label, restore: { [selected.id]: { mailboxIds: selected.mailboxIds } } },
    );
  };
  const actions = {
    delete: () => moveTo(folderWithRole('trash'), 'Message deleted'),
    archive: () => moveTo(folderWithRole('archive'), 'Message archived'),
    flag: () =>
      selected &&
      void change({ [selected.id]: { 'keywords/$flagged': selected.keywords.$flagged ? null : true } }),
    unread: () => selected && void change({ [selected.id]: { 'keywords/$seen': null } }),
    undo: () => undo && void change(undo.restore),
    search: () => document.getElementById('search')?.focus(),
    compose: () => {
      setCalendarOpen(false);
      setComposing(blank);
    },
    reply: () => reply(false),
    replyAll: () => reply(true),
    forward: () => opened && setComposing(forwardOf(opened)),
  };
  useShortcuts(actions);

  const onOpened = (message: MessageDetail) => {
    setOpened(message);
    if (!message.keywords.$seen) void change({ [message.id]: { 'keywords/$seen': true } });
  };

  // The calendar takes the list's and the reading pane's place, so no message pane is open beside it.
  const paneOpen = !calendarOpen && Boolean(selected || composing || settingsOpen);
  return (
    <div class={paneOpen ? 'mail pane-open' : 'mail'}>
      <header class="toolbar">
        <strong>Mailwright</strong>
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setCalendarOpen(false);
            setSearch(String(new FormData(event.currentTarget).get('q') ?? '').trim());
          }}
        >
          <input id="search" name="q" type="search" placeholder="Search mail" aria-label="Search mail" />
        </form>
        <button onClick={actions.compose} aria-keyshortcuts="c">
          New message
        </button>
        <button class="secondary outline" onClick={() => setSettingsOpen('vacation')}>
          Automatic replies
        </button>
        <button class="secondary outline" onClick={() => setSettingsOpen('tokens')}>
          Access tokens
        </button>
        <span class="who">{account.login}</span>
        <button class="secondary outline" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav class="folders" aria-label="Folders">
        <FolderTree
          folders={folders}
          selectedId={search || calendarOpen ? undefined : folderId}
          onSelect={(folder) => {
            setCalendarOpen(false);
            setSearch('');
            setSelected(undefined);
            setFolderId(folder.id);
            setVersion((n) => n + 1);
          }}
        />
        <a
          class="calendar-link"
          href="#calendar"
          aria-current={calendarOpen ? 'page' : undefined}
          onClick={(event) => {
            event.preventDefault();
            setCalendarOpen(true);
          }}
        >
          Calendar
        </a>
      </nav>
      {calendarOpen && (
        <div class="calendar-pane">
          {calendar ? (
            <calendar.CalendarView account={account} />
          ) : (
            <p aria-busy="true">Loading the calendar…</p>
          )}
        </div>
      )}
      <section
        class="list"
        hidden={calendarOpen}
        aria-label={search ? `Search results for ${search}` : 'Message list'}
      >
        <MessageList
          account={account}
          query={search ? { text: search } : { folderId }}
          version={version}
          selectedId={selected?.id}
          onSelect={setSelected}
        />
      </section>
      <section class="reading" hidden={calendarOpen} aria-label="Reading pane">
        {(selected || settingsOpen) && !composing && (
          <button
            class="back secondary outline"
            onClick={() => {
              setSettingsOpen(undefined);
              setSelected(undefined);
            }}
          >
            Back to messages
          </button>
        )}
        {settingsOpen === 'vacation' && (
          <VacationSettings account={account} onClose={() => setSettingsOpen(undefined)} />
        )}
        {settingsOpen === 'tokens' && (
          <TokenSettings account={account} onClose={() => setSettingsOpen(undefined)} />
        )}
        {!settingsOpen && composing && folderWithRole('drafts') && (
          <Compose
            account={account}
            identities={identities}
            folders={{ drafts: folderWithRole('drafts')!.id }}
            initial={composing}
            onSaved={() => void refresh()}
            onDone={(outcome) => {
              setComposing(undefined);
              setUndo(undefined);
              setNotice(outcome === 'sent' ? 'Message sent' : 'Draft discarded');
              void refresh();
            }}
          />
        )}
        {!settingsOpen && !composing && selected && (
          <>
            <div class="actions" role="toolbar" aria-label="Message actions">
              <button class="outline" onClick={actions.reply} aria-keyshortcuts="r">
                Reply
              </button>
              <button class="outline" onClick={actions.replyAll} aria-keyshortcuts="a">
                Reply all
              </button>
              <button class="outline" onClick={actions.forward} aria-keyshortcuts="f">
                Forward
              </button>
              <button class="outline" onClick={actions.delete} aria-keyshortcuts="Delete #">
                Delete
              </button>
              <button class="outline" onClick={actions.archive} aria-keyshortcuts="e">
                Archive
              </button>
              <button class="outline" onClick={actions.flag} aria-keyshortcuts="s">
                {selected.keywords.$flagged ? 'Unflag' : 'Flag'}
              </button>
              <button class="outline" onClick={actions.unread} aria-keyshortcuts="u">
                Mark unread
              </button>
            </div>
            <Reader account={account} messageId={selected.id} onOpened={onOpened} />
          </>
        )}
      </section>
      <div class="toast" role="status" aria-live="polite">
        {error && <span class="error">{error}</span>}
        {notice && !undo && !error && notice}
        {undo && !error && (
          <>
            {undo.label}{' '}
            <button class="secondary" onClick={actions.undo} aria-keyshortcuts="z">
              Undo
            </button>
          </>
        )}
      </div>
    </div>
  );
}

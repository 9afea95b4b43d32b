import { useEffect, useRef, useState } from 'preact/hooks';
import type { MailAccount } from './jmap';
import { listPage, type ListQuery, type MessageSummary } from './mail-data';
import { useVirtualRows } from './virtual-rows';

const PAGE = 100;
/** Three lines of 0.875rem at line height 1.5 (Pico scales rem up to 17 px on wide screens), padding and border. */
const ROW_HEIGHT = 80;

/** A message list's loaded rows: pages fetched as they scroll into view. */
interface Rows {
  /** False until the first page arrived. */
  readonly loaded: boolean;
  readonly total: number;
  readonly byPosition: ReadonlyMap<number, MessageSummary>;
}

const sender = (message: MessageSummary) => {
  const first = message.from?.[0];
  return first ? first.name || first.email : '(no sender)';
};

const shortDate = (iso: string) => {
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return today
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString();
};

/**
 * The message list of a folder or search: newest first, threads collapsed, windowed (see {@link useVirtualRows}) and
 * loaded a page of 100 at a time as the user scrolls. Arrow keys or j/k move the selection.
 */
export function MessageList(props: {
  account: MailAccount;
  query: ListQuery;
  /** Changes whenever the list must be read again (after a move, a flag, a new message). */
  version: number;
  selectedId?: string;
  onSelect: (message: MessageSummary) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [rows, setRows] = useState<Rows>({ loaded: false, total: 0, byPosition: new Map() });
  const loading = useRef(new Set<number>());
  const virtual = useVirtualRows(scrollRef, rows.total, ROW_HEIGHT);

  const load = async (page: number, replace = false) => {
    if (loading.current.has(page)) return;
    loading.current.add(page);
    try {
      const result = await listPage(props.account, props.query, page * PAGE, PAGE);
      setRows((current) => {
        const byPosition = new Map(replace ? [] : current.byPosition);
        result.messages.forEach((message, index) => byPosition.set(result.position + index, message));
        return { loaded: true, total: result.total, byPosition };
      });
    } finally {
      loading.current.delete(page);
    }
  };

  useEffect(() => {
    loading.current.clear();
    void load(0, true);
  }, [props.query.folderId, props.query.text, props.version]);

  const items = virtual.getVirtualItems();
  useEffect(() => {
    const pages = new Set(
      items.filter((item) => !rows.byPosition.has(item.index)).map((item) => Math.floor(item.index / PAGE)),
    );
    for (const page of pages) void load(page);
  });

  const selectedIndex = [...rows.byPosition].find(([, message]) => message.id === props.selectedId)?.[0];
  const move = (step: number) => {
    const next = rows.byPosition.get((selectedIndex ?? -1) + step);
    if (!next) return;
    props.onSelect(next);
    virtual.scrollToIndex((selectedIndex ?? -1) + step);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'j') move(1);
    else if (event.key === 'ArrowUp' || event.key === 'k') move(-1);
    else return;
    event.preventDefault();
  };

  // A listbox must hold options: an empty list is a plain status line instead.
  if (rows.loaded && rows.total === 0)
    return (
      <p class="empty" role="status">
        No messages
      </p>
    );
  return (
    <div
      ref={scrollRef}
      class="message-list"
      role="listbox"
      aria-label="Messages"
      tabIndex={0}
      aria-activedescendant={props.selectedId ? `message-${props.selectedId}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: `${virtual.getTotalSize()}px`, position: 'relative' }}>
        {items.map((item) => {
          const message = rows.byPosition.get(item.index);
          return (
            <div
              key={message?.id ?? `row-${item.index}`}
              id={message ? `message-${message.id}` : undefined}
              role="option"
              aria-selected={message?.id === props.selectedId}
              aria-setsize={rows.total}
              aria-posinset={item.index + 1}
              class={message && !message.keywords.$seen ? 'row unread' : 'row'}
              style={{ transform: `translateY(${item.start}px)`, height: `${ROW_HEIGHT}px` }}
              onClick={() => message && props.onSelect(message)}
            >
              {message ? (
                <>
                  <span class="from">{sender(message)}</span>
                  <time dateTime={message.receivedAt}>{shortDate(message.receivedAt)}</time>
                  <span class="subject">
                    {message.keywords.$flagged && <span aria-label="Flagged">★ </span>}
                    {message.subject || '(no subject)'}
                  </span>
                  <span class="preview">{message.preview}</span>
                </>
              ) : (
                <span class="loading">Loading…</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

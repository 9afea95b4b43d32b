import { useEffect, useRef, useState } from 'preact/hooks';
import type { MailAccount } from '../jmap';
import { eventsBetween, listCalendars, readEvent, type Calendar, type StoredEvent } from './caldav';
import { addDays, daysShown, pageTitle, timeOfDay, turnPage, type CalendarLayout } from './dates';
import { EventForm, type OpenedEvent } from './event-form';
import { eventOf, occurrencesBetween, type Occurrence } from './events';

/** An instance on the page, with the calendar and stored object it comes from. */
interface Shown extends Occurrence {
  readonly calendar: Calendar;
  readonly stored: StoredEvent;
}

const LAYOUTS: readonly (readonly [CalendarLayout, string])[] = [
  ['week', 'Week'],
  ['month', 'Month'],
  ['agenda', 'Agenda'],
];
const PAGE_NAMES: Readonly<Record<CalendarLayout, string>> = {
  week: 'week',
  month: 'month',
  agenda: '30 days',
};

/** Phones start with the agenda: a week of columns does not fit them. */
const NARROW = '(max-width: 48rem)';

/** The events of every calendar meeting `[start, end)`, recurrences expanded. */
async function loadPage(account: MailAccount, calendars: readonly Calendar[], start: Date, end: Date) {
  const pages = await Promise.all(
    calendars.map(async (calendar) =>
      (await eventsBetween(account, calendar, start, end)).flatMap((stored) =>
        occurrencesBetween(stored.data, start, end).map((each) => ({ ...each, calendar, stored })),
      ),
    ),
  );
  return pages.flat().sort((a, b) => +a.start - +b.start);
}

/** The instances meeting a local day (a zero-length one when it starts in it). */
const onDay = (shown: readonly Shown[], day: Date) => {
  const next = addDays(day, 1);
  return shown.filter(
    (each) => each.start < next && (each.end > day || (+each.end === +each.start && each.start >= day)),
  );
};

/** A new event's first fields: the next hour today, or 09:00 on another day, lasting an hour. */
function newEventFields(day: Date) {
  const now = new Date();
  const start =
    day.toDateString() === now.toDateString()
      ? new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours() + 1)
      : new Date(day.getFullYear(), day.getMonth(), day.getDate(), 9);
  return {
    summary: '',
    location: '',
    start,
    end: new Date(+start + 3_600_000),
    allDay: false,
    attendees: [],
  };
}

/** Colours an event with its calendar's colour, through the CSSOM (the content security policy forbids inline styles). */
const colourOf = (color: string | undefined) => (element: HTMLElement | null) => {
  const rgb = /^#[0-9a-f]{6}/i.exec(color ?? '')?.[0];
  if (element && rgb) element.style.setProperty('--event-color', rgb);
};

/**
 * The calendar: the user's calendars by week, month or agenda (the coming 30 days), recurring events expanded, with
 * previous / today / next, and the form creating, editing or deleting an event.
 */
export function CalendarView({ account }: { account: MailAccount }) {
  const [layout, setLayout] = useState<CalendarLayout>(() =>
    matchMedia(NARROW).matches ? 'agenda' : 'week',
  );
  const [anchor, setAnchor] = useState(() => addDays(new Date(), 0));
  const [calendars, setCalendars] = useState<Calendar[]>();
  // The events loaded and the page they belong to: another page's events are never shown as this one's.
  const [loaded, setLoaded] = useState<{ page: string; shown: Shown[] }>();
  const [opened, setOpened] = useState<OpenedEvent>();
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  const days = daysShown(layout, anchor);
  const page = `${layout} ${+days[0]!} ${version}`;
  const shown = loaded?.page === page ? loaded.shown : undefined;
  const latest = useRef(page);
  latest.current = page;

  useEffect(() => {
    listCalendars(account)
      .then(setCalendars)
      .catch((failure: Error) => setError(failure.message));
  }, []);
  useEffect(() => {
    if (!calendars) return;
    loadPage(account, calendars, days[0]!, addDays(days.at(-1)!, 1))
      .then((events) => latest.current === page && setLoaded({ page, shown: events }))
      .catch((failure: Error) => setError(failure.message));
  }, [calendars, page]);

  // Read again on opening: an answer from an attendee may have changed the event since the page loaded.
  const open = async (each: Shown) => {
    setNotice(undefined);
    setError(undefined);
    try {
      const stored = await readEvent(account, each.stored.href);
      const { uid: _uid, organizer, ...fields } = eventOf(stored.data);
      setOpened({ calendar: each.calendar, stored, fields, ...(organizer ? { organizer } : {}) });
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const create = () => {
    const calendar = calendars?.[0];
    if (!calendar) return;
    setNotice(undefined);
    setOpened({ calendar, fields: newEventFields(anchor) });
  };
  const pageName = PAGE_NAMES[layout];
  const listed = layout === 'agenda' ? days.filter((day) => onDay(shown ?? [], day).length > 0) : days;
  const today = new Date().toDateString();

  return (
    <section class="calendar" aria-label="Calendar">
      <div class="calendar-bar">
        <button class="outline" onClick={() => setAnchor(turnPage(layout, anchor, -1))}>
          Previous {pageName}
        </button>
        <button class="outline" onClick={() => setAnchor(addDays(new Date(), 0))}>
          Today
        </button>
        <button class="outline" onClick={() => setAnchor(turnPage(layout, anchor, 1))}>
          Next {pageName}
        </button>
        <h2>{pageTitle(layout, days)}</h2>
        <div role="group" aria-label="Layout">
          {LAYOUTS.map(([value, label]) => (
            <button
              key={value}
              class={layout === value ? 'secondary' : 'secondary outline'}
              aria-pressed={layout === value}
              onClick={() => setLayout(value)}
            >
              {label}
            </button>
          ))}
        </div>
        <button onClick={create} disabled={!calendars?.length}>
          New event
        </button>
      </div>
      {opened ? (
        <EventForm
          account={account}
          event={opened}
          onDone={(message) => {
            setOpened(undefined);
            setError(undefined);
            setNotice(message || undefined);
            setVersion((n) => n + 1);
          }}
        />
      ) : (
        <ol class={`days ${layout}`} aria-busy={shown === undefined} aria-label={pageTitle(layout, days)}>
          {listed.map((day) => (
            <li
              key={day.toDateString()}
              class={day.getMonth() === anchor.getMonth() || layout !== 'month' ? 'day' : 'day other-month'}
              aria-current={day.toDateString() === today ? 'date' : undefined}
            >
              <h3>
                {day.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })}
              </h3>
              <ul>
                {onDay(shown ?? [], day).map((each) => (
                  <li key={`${each.stored.href} ${+each.start}`}>
                    <button
                      ref={colourOf(each.calendar.color)}
                      class={each.cancelled ? 'event secondary outline cancelled' : 'event secondary outline'}
                      onClick={() => void open(each)}
                    >
                      <span>{each.allDay ? 'All day' : timeOfDay(each.start)}</span> {each.summary}
                      {each.cancelled && ' (cancelled)'}
                    </button>
                  </li>
                ))}
              </ul>
            </li>
          ))}
          {shown && listed.length === 0 && <li class="day">No events in these 30 days.</li>}
        </ol>
      )}
      <p role="status" aria-live="polite">
        {error && <span class="error">{error}</span>}
        {!error && notice}
      </p>
    </section>
  );
}

import { useState } from 'preact/hooks';
import type { MailAccount } from '../jmap';
import { deleteEvent, saveEvent, type Calendar, type StoredEvent } from './caldav';
import { fromInputValue, inputValue, spanText } from './dates';
import { answerOf, withAnswer, writeEvent, type EventFields } from './events';
import { AnswerButtons } from './invitation-card';

/** An event opened in the form: a stored one (with its calendar) or a new one's starting fields. */
export interface OpenedEvent {
  readonly calendar: Calendar;
  readonly stored?: StoredEvent;
  readonly fields: EventFields;
  readonly organizer?: string;
}

const ADDRESS = /^[^\s@,;<>]+@[^\s@,;<>]+$/;

/** The form's values as event fields, or what is wrong with them. */
function readForm(form: HTMLFormElement): EventFields | string {
  const data = new FormData(form);
  const value = (name: string) => String(data.get(name) ?? '').trim();
  const allDay = data.get('allDay') === 'on';
  const start = fromInputValue(value('start'));
  const end = fromInputValue(value('end'));
  if (!start || !end) return 'Give the start and the end.';
  if (end < start) return 'The end is before the start.';
  const attendees = value('attendees')
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((each) => each.toLowerCase());
  const wrong = attendees.find((each) => !ADDRESS.test(each));
  if (wrong) return `${wrong} is not an email address.`;
  return { summary: value('summary'), location: value('location'), start, end, allDay, attendees };
}

/**
 * Creates, edits or deletes an event. Saving an event with attendees has the server invite them (and tell them of
 * changes; deleting cancels it for them). An event someone else organizes is shown with the user's answer instead.
 */
export function EventForm(props: {
  account: MailAccount;
  event: OpenedEvent;
  onDone: (notice: string) => void;
}) {
  const { account, event } = props;
  const [allDay, setAllDay] = useState(event.fields.allDay);
  const [times, setTimes] = useState({
    start: inputValue(event.fields.start, event.fields.allDay),
    end: inputValue(event.fields.end, event.fields.allDay),
  });
  // Switching all day on keeps the days; switching it off gives them office hours to start from.
  const switchAllDay = () => {
    setTimes(
      allDay
        ? { start: `${times.start}T09:00`, end: `${times.end}T10:00` }
        : { start: times.start.slice(0, 10), end: times.end.slice(0, 10) },
    );
    setAllDay(!allDay);
  };
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const act = (step: () => Promise<void>, notice: string) => {
    setBusy(true);
    setError(undefined);
    void step()
      .then(() => props.onDone(notice))
      .catch((failure: Error) => setError(failure.message))
      .finally(() => setBusy(false));
  };
  const close = (
    <button type="button" class="secondary outline" onClick={() => props.onDone('')}>
      Back to calendar
    </button>
  );
  const failure = error && (
    <p class="error" role="alert">
      {error}
    </p>
  );

  const { stored, fields, organizer } = event;
  if (stored && organizer && organizer !== account.login.toLowerCase()) {
    return (
      <section class="event-form" aria-label="Event">
        <h2>{fields.summary || '(no title)'}</h2>
        <p>{spanText(fields.start, fields.end, fields.allDay)}</p>
        {fields.location && <p>{fields.location}</p>}
        <p>Organized by {organizer}</p>
        <AnswerButtons
          current={answerOf(stored.data, account.login)}
          busy={busy}
          onAnswer={(answer) =>
            act(async () => {
              const answered = withAnswer(stored.data, account.login, answer);
              if (!answered) throw new Error('You are not among the invited attendees.');
              await saveEvent(account, stored.href, answered, stored.etag);
            }, 'Answer sent')
          }
        />
        {failure}
        {close}
      </section>
    );
  }

  const onSubmit = (submitted: Event) => {
    submitted.preventDefault();
    const read = readForm(submitted.currentTarget as HTMLFormElement);
    if (typeof read === 'string') return setError(read);
    const text = writeEvent(read, account.login.toLowerCase(), stored?.data);
    const href = stored?.href ?? `${event.calendar.href}${crypto.randomUUID()}.ics`;
    const notice = read.attendees.length > 0 ? 'Event saved; attendees are told' : 'Event saved';
    act(() => saveEvent(account, href, text, stored?.etag), notice);
  };
  const type = allDay ? 'date' : 'datetime-local';
  return (
    <form class="event-form" aria-label={stored ? 'Edit event' : 'New event'} onSubmit={onSubmit}>
      <h2>{stored ? 'Edit event' : 'New event'}</h2>
      <label>
        Title
        <input name="summary" required defaultValue={fields.summary} />
      </label>
      <label>
        <input type="checkbox" name="allDay" role="switch" checked={allDay} onChange={switchAllDay} />
        All day
      </label>
      <div class="grid">
        <label>
          Start
          <input
            name="start"
            type={type}
            required
            value={times.start}
            onInput={(changed) => setTimes({ ...times, start: changed.currentTarget.value })}
          />
        </label>
        <label>
          End
          <input
            name="end"
            type={type}
            required
            value={times.end}
            onInput={(changed) => setTimes({ ...times, end: changed.currentTarget.value })}
          />
        </label>
      </div>
      <label>
        Location
        <input name="location" defaultValue={fields.location} />
      </label>
      <label>
        Attendees
        <input
          name="attendees"
          defaultValue={fields.attendees.join(', ')}
          aria-describedby="attendees-help"
          autocomplete="off"
        />
        <small id="attendees-help">Email addresses, separated by commas. They receive an invitation.</small>
      </label>
      {failure}
      <div class="actions">
        <button type="submit" disabled={busy}>
          Save
        </button>
        {stored && (
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() => act(() => deleteEvent(account, stored.href, stored.etag), 'Event deleted')}
          >
            Delete
          </button>
        )}
        {close}
      </div>
    </form>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { MailAccount } from '../jmap';
import type { StoredEvent } from './caldav';
import { spanText } from './dates';
import { answerOf, type Answer } from './events';
import {
  answerIn,
  answerInvitation,
  readInvitation,
  removeCopy,
  storedCopy,
  type Invitation,
} from './invitation';

const ANSWERS: readonly (readonly [Answer, string, string])[] = [
  ['ACCEPTED', 'Accept', 'Accepted'],
  ['TENTATIVE', 'Tentative', 'Tentatively accepted'],
  ['DECLINED', 'Decline', 'Declined'],
];
const answerText = (partstat: string | undefined) =>
  ANSWERS.find(([value]) => value === partstat)?.[2] ?? 'Not answered yet';

/** Buttons answering an invitation, the current answer pressed. */
export function AnswerButtons(props: {
  current?: string;
  busy: boolean;
  onAnswer: (answer: Answer) => void;
}) {
  return (
    <div class="actions" role="group" aria-label="Your answer">
      {ANSWERS.map(([value, label]) => (
        <button
          key={value}
          class={props.current === value ? '' : 'outline'}
          aria-pressed={props.current === value}
          disabled={props.busy}
          onClick={() => props.onAnswer(value)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/**
 * The card a mail carrying an iTIP invitation shows above its body: what, when, where, who organizes, the user's
 * answer with Accept / Tentative / Decline (stored in their calendar, which answers the organizer), or, for a
 * cancellation, that it is cancelled and a button removing it from the calendar.
 */
export function InvitationCard(props: { account: MailAccount; blobId: string }) {
  const { account } = props;
  const [invitation, setInvitation] = useState<Invitation | null>();
  const [copy, setCopy] = useState<StoredEvent>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const reload = async (current: Invitation) => setCopy(await storedCopy(account, current));
  useEffect(() => {
    void (async () => {
      const response = await account.client.downloadBlob({
        accountId: account.accountId,
        blobId: props.blobId,
        mimeType: 'text/calendar',
        fileName: 'invite.ics',
      });
      const read = readInvitation(await response.text());
      setInvitation(read ?? null);
      if (read) await reload(read);
    })().catch((failure: Error) => setError(failure.message));
  }, [props.blobId]);

  if (invitation === null) return null;
  if (invitation === undefined)
    return <section class="invitation" aria-busy="true" aria-label="Invitation" />;
  const act = (step: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    void step()
      .catch((failure: Error) => setError(failure.message))
      .then(() => reload(invitation))
      .finally(() => setBusy(false));
  };
  const cancelled = invitation.method === 'CANCEL';
  const replier = invitation.method === 'REPLY' ? invitation.attendees[0] : undefined;
  return (
    <section
      class="invitation"
      aria-label={cancelled ? 'Cancelled event' : replier ? 'Answer to an invitation' : 'Invitation'}
    >
      <h3>
        {cancelled && 'Cancelled: '}
        {invitation.summary || '(no title)'}
      </h3>
      <dl>
        <dt>When</dt>
        <dd>{spanText(invitation.start, invitation.end, invitation.allDay)}</dd>
        {invitation.location && (
          <>
            <dt>Where</dt>
            <dd>{invitation.location}</dd>
          </>
        )}
        {invitation.organizer && (
          <>
            <dt>Organizer</dt>
            <dd>{invitation.organizer}</dd>
          </>
        )}
        {replier && (
          <>
            <dt>Answer</dt>
            <dd>
              {replier}: {answerText(answerOf(invitation.data, replier))}
            </dd>
          </>
        )}
        {!cancelled && invitation.method === 'REQUEST' && (
          <>
            <dt>Your answer</dt>
            <dd>{answerText(answerIn(copy, account.login))}</dd>
          </>
        )}
      </dl>
      {invitation.method === 'REQUEST' && (
        <AnswerButtons
          current={answerIn(copy, account.login)}
          busy={busy}
          onAnswer={(answer) => act(() => answerInvitation(account, invitation, copy, answer))}
        />
      )}
      {cancelled && (
        <p>
          This event was cancelled by its organizer.{' '}
          {copy ? (
            <button class="secondary" disabled={busy} onClick={() => act(() => removeCopy(account, copy))}>
              Remove from calendar
            </button>
          ) : (
            'It is not in your calendar.'
          )}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { MailAccount } from './jmap';

/** The out-of-office reply as JMAP's VacationResponse holds it (RFC 8621 §8). */
interface VacationResponse {
  readonly isEnabled: boolean;
  readonly fromDate: string | null;
  readonly toDate: string | null;
  readonly subject: string | null;
  readonly textBody: string | null;
}

/** `2026-12-24T09:00:00Z` ↔ the `datetime-local` input's local `2026-12-24T10:00`. */
const toLocalInput = (utc: string | null) => {
  if (!utc) return '';
  const date = new Date(utc);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const toUtc = (local: string) => (local ? new Date(local).toISOString().replace(/\.\d{3}Z$/, 'Z') : null);

/**
 * The automatic reply settings: on or off, an optional period, the subject and text. Saved as the account's one
 * VacationResponse; the server answers each sender at most once a week and never lists or robots
 * (docs/users.md#out-of-office-replies).
 */
export function VacationSettings({ account, onClose }: { account: MailAccount; onClose: () => void }) {
  const [vacation, setVacation] = useState<VacationResponse>();
  const [status, setStatus] = useState('');

  useEffect(() => {
    void account.client
      .request(['VacationResponse/get', { accountId: account.accountId, ids: ['singleton'] }])
      .then(([result]) => setVacation(result.list[0] as unknown as VacationResponse));
  }, []);

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const update = {
      isEnabled: form.get('isEnabled') === 'on',
      fromDate: toUtc(String(form.get('fromDate') ?? '')),
      toDate: toUtc(String(form.get('toDate') ?? '')),
      subject: String(form.get('subject') ?? '') || null,
      textBody: String(form.get('textBody') ?? '') || null,
    };
    const [result] = await account.client.request([
      'VacationResponse/set',
      { accountId: account.accountId, update: { singleton: update as never } },
    ]);
    const refused = result.notUpdated?.singleton as { description?: string } | undefined;
    setStatus(refused ? (refused.description ?? 'The settings were refused.') : 'Saved');
  };

  if (!vacation) return <article aria-busy="true" />;
  return (
    <form class="settings" aria-label="Automatic replies" onSubmit={(event) => void save(event)}>
      <h2>Automatic replies</h2>
      <label>
        <input type="checkbox" role="switch" name="isEnabled" defaultChecked={vacation.isEnabled} />
        Send automatic replies
      </label>
      <div class="grid">
        <label>
          From (optional)
          <input type="datetime-local" name="fromDate" defaultValue={toLocalInput(vacation.fromDate)} />
        </label>
        <label>
          Until (optional)
          <input type="datetime-local" name="toDate" defaultValue={toLocalInput(vacation.toDate)} />
        </label>
      </div>
      <label>
        Subject
        <input type="text" name="subject" defaultValue={vacation.subject ?? ''} placeholder="Out of office" />
      </label>
      <label>
        Message
        <textarea name="textBody" rows={6} defaultValue={vacation.textBody ?? ''} />
      </label>
      <div class="actions">
        <button type="submit">Save</button>
        <button type="button" class="secondary outline" onClick={onClose}>
          Close
        </button>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/**
 * A form that runs one admin action: its fields are the children (named inputs), its result or refusal is announced
 * under it, and it resets after success. Fields sit on one line, or one under the other when `stacked` (forms with
 * labelled fields, such as a flow rule's).
 */
export function ActionForm(props: {
  label: string;
  submit: string;
  run: (fields: Record<string, string>) => Promise<string | void>;
  children: ComponentChildren;
  stacked?: boolean;
}) {
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fields = Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value)]));
    setBusy(true);
    try {
      const done = await props.run(fields);
      setStatus({ ok: true, text: done || 'Done' });
      form.reset();
    } catch (failure) {
      const error = failure as Error & { type?: string };
      setStatus({ ok: false, text: error.type ? `${error.type}: ${error.message}` : error.message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form aria-label={props.label} onSubmit={(event) => void onSubmit(event)}>
      <fieldset role={props.stacked ? undefined : 'group'}>
        {props.children}
        <button type="submit" aria-busy={busy} disabled={busy}>
          {props.submit}
        </button>
      </fieldset>
      {status && (
        <p role={status.ok ? 'status' : 'alert'} class={status.ok ? undefined : 'error'}>
          {status.text}
        </p>
      )}
    </form>
  );
}

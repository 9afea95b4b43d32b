import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/**
 * A form that runs one admin action: its fields are the children (named inputs), its result or refusal is announced
 * under it, and it resets after success. Short forms sit on one line; `stacked` ones (many labelled fields, such as
 * a flow rule's) put each field under the previous; a form without fields is a single button (a delete).
 */
export function ActionForm(props: {
  label: string;
  submit: string;
  run: (fields: Record<string, string>) => Promise<string | void>;
  stacked?: boolean;
  children?: ComponentChildren;
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
    <form
      aria-label={props.label}
      class={props.children ? undefined : 'button-only'}
      onSubmit={(event) => void onSubmit(event)}
    >
      <fieldset role={props.stacked || !props.children ? undefined : 'group'}>
        {props.children}
        <button
          type="submit"
          class={props.children ? undefined : 'secondary'}
          aria-busy={busy}
          disabled={busy}
        >
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

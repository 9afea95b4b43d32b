import { createParser } from 'eventsource-parser';
import { authorizedFetch } from './credential';
import type { MailAccount } from './jmap';

/** How often to look for changes when the server cannot hold an event stream open (API Gateway + Lambda). */
const POLL_MS = 30_000;

/**
 * Calls `onChange` whenever the account's mail changes: JMAP push over server-sent events (RFC 8620 §7.3) read with
 * fetch — `EventSource` cannot send the Authorization or CSRF header — and parsed by eventsource-parser. Where the stream
 * is not available or ends, it falls back to calling `onChange` every 30 s. Returns the function that stops it.
 * @example
 * const stop = followChanges(account, () => void refresh());
 */
export function followChanges(account: MailAccount, onChange: () => void): () => void {
  const abort = new AbortController();
  let poll: ReturnType<typeof setInterval> | undefined;
  const fallBack = () => {
    if (!abort.signal.aborted) poll ??= setInterval(onChange, POLL_MS);
  };
  void (async () => {
    const session = (await account.client.session) as { eventSourceUrl?: string };
    if (!session.eventSourceUrl) return fallBack();
    const url = session.eventSourceUrl
      .replace('{types}', 'Email,Mailbox')
      .replace('{closeafter}', 'no')
      .replace('{ping}', '60');
    const response = await authorizedFetch(account.authorization, url, {
      headers: { Accept: 'text/event-stream' },
      signal: abort.signal,
    });
    if (!response.ok || !response.body) return fallBack();
    const parser = createParser({ onEvent: (event) => event.event === 'state' && onChange() });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) parser.feed(chunk.value);
    fallBack();
  })().catch(fallBack);
  return () => {
    abort.abort();
    clearInterval(poll);
  };
}

import { useEffect, useState } from 'preact/hooks';
import { authorizedFetch } from './credential';
import type { MailAccount } from './jmap';

/** A token as `/account/tokens` lists it (never its value). */
interface TokenMetadata {
  readonly tokenId: string;
  readonly name: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly lastUsedAt?: number;
}

/** Calls the user's own token API with the signed-in authorization; refusals become errors with the server's detail. */
async function tokensApi(account: MailAccount, method: string, path = '', body?: unknown): Promise<unknown> {
  const response = await authorizedFetch(account.authorization, `/account/tokens${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status === 204) return undefined;
  const json = (await response.json().catch(() => ({}))) as { detail?: string };
  if (!response.ok) throw new Error(json.detail ?? `The server answered ${response.status}.`);
  return json;
}

const day = (epochMs?: number) => (epochMs ? new Date(epochMs).toLocaleDateString() : 'never');

/**
 * The user's personal access tokens for mail apps: list, create (shown once; only when signed in with the
 * password or single sign-on), revoke. docs/users.md#personal-access-tokens.
 */
export function TokenSettings({ account, onClose }: { account: MailAccount; onClose: () => void }) {
  const [tokens, setTokens] = useState<TokenMetadata[]>();
  const [created, setCreated] = useState<string>();
  const [status, setStatus] = useState('');
  const load = () =>
    void tokensApi(account, 'GET').then(
      (answer) => setTokens((answer as { tokens: TokenMetadata[] }).tokens),
      (failure: Error) => setStatus(failure.message),
    );
  useEffect(load, []);

  const create = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fields = new FormData(form);
    try {
      const answer = (await tokensApi(account, 'POST', '', {
        name: String(fields.get('name')),
        lifetimeInDays: Number(fields.get('days')),
      })) as { token: string };
      setCreated(answer.token);
      setStatus('');
      form.reset();
      load();
    } catch (failure) {
      setStatus((failure as Error).message);
    }
  };
  const revoke = async (token: TokenMetadata) => {
    try {
      await tokensApi(account, 'DELETE', `/${encodeURIComponent(token.tokenId)}`);
      setStatus(`${token.name} revoked`);
      load();
    } catch (failure) {
      setStatus((failure as Error).message);
    }
  };

  return (
    <section class="settings" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Personal access tokens</h2>
      <p>Use a token instead of your password in mail apps. Revoke it when you stop using the app.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(tokens ?? []).map((token) => (
            <tr key={token.tokenId}>
              <td>{token.name}</td>
              <td>{day(token.createdAt)}</td>
              <td>{day(token.expiresAt)}</td>
              <td>{day(token.lastUsedAt)}</td>
              <td>
                <button class="secondary outline" onClick={() => void revoke(token)}>
                  Revoke {token.name}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form aria-label="New token" onSubmit={(event) => void create(event)}>
        <fieldset role="group">
          <input
            name="name"
            aria-label="Token name"
            placeholder="name (e.g. phone)"
            required
            maxLength={64}
          />
          <input
            name="days"
            aria-label="Valid for (days)"
            type="number"
            min={1}
            max={3653}
            defaultValue="365"
          />
          <button type="submit">Create token</button>
        </fieldset>
      </form>
      {created && (
        <p role="status">
          Your new token (shown once — copy it now): <code class="token">{created}</code>
        </p>
      )}
      <p role="status">{status}</p>
      <button class="secondary outline" onClick={onClose}>
        Close
      </button>
    </section>
  );
}

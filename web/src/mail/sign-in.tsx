import { useState } from 'preact/hooks';
import { passwordAuthorization, singleSignOnUrl } from './credential';
import { openMailAccount, SignInRefused, type MailAccount } from './jmap';

/**
 * The sign-in screen: address and password (or a personal access token), or single sign-on through the
 * organization's identity provider (the browser leaves for it and comes back signed in).
 */
export function SignIn({ onSignedIn }: { onSignedIn: (account: MailAccount) => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(undefined);
    try {
      const authorization = passwordAuthorization(String(form.get('login')), String(form.get('password')));
      onSignedIn(await openMailAccount('/.well-known/jmap', authorization));
    } catch (failure) {
      setError(failure instanceof SignInRefused ? failure.message : 'The mail server cannot be reached.');
      setBusy(false);
    }
  };
  const singleSignOn = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    location.assign(singleSignOnUrl(String(form.get('organization')), location.pathname));
  };
  return (
    <main class="container sign-in">
      <h1>Mailwright</h1>
      <form
        aria-label="Sign in with a password"
        onSubmit={submit}
        aria-describedby={error ? 'sign-in-error' : undefined}
      >
        <label>
          Email address
          <input name="login" type="email" autocomplete="username" required autofocus />
        </label>
        <label>
          Password or personal access token
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        {error && (
          <p id="sign-in-error" role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit" aria-busy={busy} disabled={busy}>
          Sign in
        </button>
      </form>
      <hr />
      <form aria-label="Sign in with single sign-on" onSubmit={singleSignOn}>
        <label>
          Organization or email domain
          <input
            name="organization"
            autocomplete="organization"
            required
            aria-describedby="single-sign-on-help"
          />
        </label>
        <small id="single-sign-on-help">
          Your organization's alias, its email domain, or your email address: you sign in with your identity
          provider.
        </small>
        <button type="submit" class="secondary">
          Sign in with single sign-on
        </button>
      </form>
    </main>
  );
}

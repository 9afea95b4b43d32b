import { useState } from 'preact/hooks';
import { signIn, SignInRefused, type MailAccount } from './jmap';

/** The sign-in form: address and password (or a personal access token). */
export function SignIn({ onSignedIn }: { onSignedIn: (account: MailAccount) => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await signIn('/.well-known/jmap', String(form.get('login')), String(form.get('password'))));
    } catch (failure) {
      setError(failure instanceof SignInRefused ? failure.message : 'The mail server cannot be reached.');
      setBusy(false);
    }
  };
  return (
    <main class="container sign-in">
      <h1>Mailwright</h1>
      <form onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
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
    </main>
  );
}

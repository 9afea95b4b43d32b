import { useEffect, useState } from 'preact/hooks';
import { singleSignOnSession } from './credential';
import { openMailAccount, type MailAccount } from './jmap';
import { MailView } from './mail-view';
import { SignIn } from './sign-in';

/**
 * Webmail: the mailbox once signed in — with the sign-in form, or by a single sign-on session the browser already
 * has (after the identity provider sent it back) — else the sign-in form. No credential is kept across page loads:
 * a session's cookie is the browser's, HttpOnly.
 */
export function App() {
  const [account, setAccount] = useState<MailAccount>();
  const [checking, setChecking] = useState(true);
  useEffect(() => {
    void singleSignOnSession()
      .then((authorization) => authorization && openMailAccount('/.well-known/jmap', authorization))
      .then(setAccount, () => undefined)
      .finally(() => setChecking(false));
  }, []);
  const signOut = () => void account?.authorization.signOut().finally(() => setAccount(undefined));
  if (account) return <MailView account={account} onSignOut={signOut} />;
  return checking ? <main class="container sign-in" aria-busy="true" /> : <SignIn onSignedIn={setAccount} />;
}

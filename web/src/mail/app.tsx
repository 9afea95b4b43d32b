import { useState } from 'preact/hooks';
import type { MailAccount } from './jmap';
import { MailView } from './mail-view';
import { SignIn } from './sign-in';

/** Webmail: the sign-in form until the user is signed in, then the mailbox. Nothing is kept across page loads. */
export function App() {
  const [account, setAccount] = useState<MailAccount>();
  return account ? (
    <MailView account={account} onSignOut={() => setAccount(undefined)} />
  ) : (
    <SignIn onSignedIn={setAccount} />
  );
}

import { useEffect, useState } from 'preact/hooks';
import { adminApiLocation, adminSession, call, type AdminSession } from './api';
import { singleSignOnState } from './single-sign-on';
import { Organization } from './organization';
import { Organizations, type OrganizationSummary } from './organizations';
import { useLoad } from './use-load';

/**
 * The admin console: sign in with an admin key or through single sign-on (when the deployment offers it), then
 * organizations and, inside one, its pages.
 */
export function App() {
  const [session, setSession] = useState<AdminSession>();
  const [singleSignOn, setSingleSignOn] = useState<boolean>();
  const [organization, setOrganization] = useState<OrganizationSummary>();
  useEffect(() => {
    void singleSignOnState(location.origin).then(
      (state) => {
        setSingleSignOn(state.available);
        if (state.session) setSession(state.session);
      },
      () => setSingleSignOn(false),
    );
  }, []);
  const signOut = () => void (session?.signOut?.() ?? Promise.resolve()).finally(() => setSession(undefined));
  if (!session)
    return singleSignOn === undefined ? (
      <main class="container sign-in" aria-busy="true" />
    ) : (
      <SignIn onSignedIn={setSession} singleSignOn={singleSignOn} />
    );
  return (
    <>
      <header class="container-fluid bar">
        <nav aria-label="Console">
          <ul>
            <li>
              <strong>Mailwright admin</strong>
            </li>
            <li>
              <a
                href="#/organizations"
                aria-current={organization ? undefined : 'page'}
                onClick={(event) => {
                  event.preventDefault();
                  setOrganization(undefined);
                }}
              >
                Organizations
              </a>
            </li>
          </ul>
          <ul>
            <li>
              {session.accessKeyId}
              {session.expiresAt && ` (until ${session.expiresAt.toLocaleTimeString()})`}
            </li>
            <li>
              <button class="secondary outline" onClick={signOut}>
                Sign out
              </button>
            </li>
          </ul>
        </nav>
      </header>
      <main class="container">
        {organization ? (
          <Organization session={session} organization={organization} />
        ) : (
          <Organizations session={session} onOpen={setOrganization} />
        )}
      </main>
    </>
  );
}

/**
 * Sign-in with an admin access key (the one `npm start` prints, or one from CreateAdminKey), or through the
 * deployment's identity provider.
 */
function SignIn(props: { onSignedIn: (session: AdminSession) => void; singleSignOn: boolean }) {
  const [error, setError] = useState<string>();
  // In the cloud the settings name the admin API and its Region; locally the API is this origin.
  const apiLocation = useLoad(() => adminApiLocation(location.origin), []);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    try {
      const { endpoint, region } = apiLocation.value ?? (await adminApiLocation(location.origin));
      const session = adminSession(
        String(form.get('keyId')),
        String(form.get('secret')),
        region ?? String(form.get('region')),
        endpoint,
      );
      await call(session, 'WorkMailService.ListOrganizations', { MaxResults: 1 });
      props.onSignedIn(session);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <main class="container sign-in">
      <h1>Mailwright admin console</h1>
      <form aria-label="Sign in with an admin key" onSubmit={(event) => void submit(event)}>
        <label>
          Access key ID
          <input name="keyId" required autocomplete="username" />
        </label>
        <label>
          Secret access key
          <input name="secret" type="password" required autocomplete="current-password" />
        </label>
        {!apiLocation.value?.region && (
          <label>
            Region
            <input name="region" required defaultValue="us-east-1" />
          </label>
        )}
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit">Sign in</button>
      </form>
      {props.singleSignOn && (
        <>
          <hr />
          <p>
            <a href="/admin/auth/login" role="button" class="secondary">
              Sign in with single sign-on
            </a>
          </p>
          <small>Your identity provider signs you in, and the console gets a short-lived admin key.</small>
        </>
      )}
    </main>
  );
}

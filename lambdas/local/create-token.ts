import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SignInRefusal } from '../core/user-auth';
import { reachEngines } from './reach-engines';
import { PasswordPromptAbortedError, readPassword, type PasswordInput } from './read-password';
import { readSettings } from './runtime';
import { wireLocal, type LocalWiring } from './wiring';

/** Where `create-token` runs: its streams, and how it opens a data directory's user services. */
export interface CreateTokenIo {
  readonly stdin: PasswordInput;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /**
   * Opens the user services of a data directory; undefined when it holds no Mailwright data.
   * @default - the engines of a runtime running on it, or its own for the command's duration
   */
  readonly open?: (dataDir: string) => Promise<OpenedUserAuth | undefined>;
}

/** The user services of a data directory, and how to let them go. */
export interface OpenedUserAuth {
  readonly userAuth: LocalWiring['userAuth'];
  close(): Promise<void>;
}

const USAGE =
  'Usage: npm start -- create-token --user ADDRESS --name NAME [--scope SCOPE]... [--lifetime-days 1-3653] ' +
  '[--data DIR]   (the password is read from the terminal, or from the first line of stdin)';

const PASSWORD_NOT_TOKEN = 'Sign in with your password, not a token.';
/** What the user sees for each refusal: never whether the address exists. */
const REFUSALS: Record<SignInRefusal['reason'], string> = {
  NO_CREDENTIALS: 'Wrong address or password.',
  INVALID_CREDENTIALS: 'Wrong address or password.',
  THROTTLED: 'Too many failed sign-ins: try again later.',
  TOKEN_EXPIRED: PASSWORD_NOT_TOKEN,
  ACCESS_DENIED: "The organization's access control rules do not allow this.",
  USER_DISABLED:
    'This user may not sign in (disabled, without a mailbox, or its organization is not active).',
  METHOD_NOT_ALLOWED:
    'The organization signs in through single sign-on only, or does not allow personal access tokens: create ' +
    'tokens in the web app.',
  CSRF_TOKEN_INVALID: PASSWORD_NOT_TOKEN,
};

/**
 * `npm start -- create-token`: signs a user in with their address and directory password and creates a personal
 * access token, printing its value once on stdout (details go to stderr). Returns the exit code: 0 created,
 * 1 refused, 2 usage.
 * @param argv - the arguments after `create-token`
 * @example
 * process.exitCode = await createTokenCommand(['--user', 'ana@acme.mailwright.localhost', '--name', 'laptop'], {
 *   stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
 */
export async function createTokenCommand(argv: readonly string[], io: CreateTokenIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        user: { type: 'string' },
        name: { type: 'string' },
        scope: { type: 'string', multiple: true },
        'lifetime-days': { type: 'string' },
        data: { type: 'string', default: '.mailwright' },
      },
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const lifetime = values['lifetime-days'];
  if (!values.user || !values.name || (lifetime !== undefined && !/^\d{1,4}$/.test(lifetime))) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let password: string;
  try {
    password = await readPassword(io.stdin, io.stderr);
  } catch (error) {
    if (error instanceof PasswordPromptAbortedError) return 1;
    throw error;
  }
  const opened = await (io.open ?? openDataDirectory)(resolve(values.data));
  if (!opened) {
    io.stderr.write(
      `No Mailwright data in ${resolve(values.data)}: start it once with --data ${values.data}\n`,
    );
    return 1;
  }
  try {
    const { authenticator, tokens } = opened.userAuth;
    const signIn = await authenticator.signInWithPassword(values.user, password, {
      sourceAddress: 'local-cli',
      // Creating a token is not mailbox access: the access control rules do not apply.
      protocol: null,
    });
    if (!signIn.ok) {
      io.stderr.write(`${REFUSALS[signIn.reason]}\n`);
      return 1;
    }
    const created = await tokens.create(signIn.user, {
      name: values.name,
      scopes: values.scope ?? ['mail'],
      lifetimeInDays: lifetime === undefined ? undefined : Number(lifetime),
    });
    if (!created.ok) {
      io.stderr.write(`${created.reason === 'PASSWORD_REQUIRED' ? PASSWORD_NOT_TOKEN : created.message}\n`);
      return 1;
    }
    const { tokenId, expiresAt } = created.metadata;
    io.stdout.write(`${created.token}\n`);
    io.stderr.write(
      `Token ${tokenId} expires ${new Date(expiresAt).toISOString()}. Copy it now: it is not shown again.\n`,
    );
    return 0;
  } finally {
    await opened.close();
  }
}

/** The user services of a data directory, on the engines of the runtime running on it, or on its own. */
async function openDataDirectory(dataDir: string): Promise<OpenedUserAuth | undefined> {
  const settings = await readSettings(dataDir);
  if (!settings) return undefined;
  const engines = await reachEngines(dataDir);
  const wiring = await wireLocal({ ...engines, dataDir, settings });
  return {
    userAuth: wiring.userAuth,
    close: async () => {
      await wiring.close();
      await engines.stop();
    },
  };
}

import type { SignInResult } from '../core/user-auth';
import type { ImapDeps } from './deps';
import { bad, no, ok, type CommandOf, type Completion, type SessionContext } from './session-context';

/** How sign-in behaves on a connection. */
export interface SignInOptions {
  /** Accept passwords without TLS (the local runtime on loopback only). */
  readonly allowPlaintextLogin: boolean;
}

type SignInCommand = CommandOf<'LOGIN' | 'AUTHENTICATE'>;

/**
 * LOGIN and AUTHENTICATE PLAIN / LOGIN (RFC 4616, SASL-IR): the address and a password or personal access token,
 * checked by the same sign-in as JMAP (failures throttled per source address, so a guesser is slowed down without
 * locking the real user out). Refusals carry RFC 5530 codes and never say whether the address exists.
 */
export async function signIn(
  context: SessionContext,
  deps: ImapDeps,
  command: SignInCommand,
  state: { readonly mayLogin: boolean },
): Promise<Completion> {
  if (!state.mayLogin) return no('Use STARTTLS or port 993 first.', 'PRIVACYREQUIRED');
  const credentials =
    command.name === 'LOGIN'
      ? { login: command.user, secret: command.password }
      : await sasl(context, command);
  if ('status' in credentials) return credentials;
  const result = await deps.signIn(credentials.login, credentials.secret, context.io.sourceAddress);
  if (!result.ok) return refusal(result);
  context.user = result.user;
  return ok(`${command.name} completed.`);
}

async function sasl(
  context: SessionContext,
  command: CommandOf<'AUTHENTICATE'>,
): Promise<{ login: string; secret: string } | Completion> {
  const mechanism = command.mechanism.toUpperCase();
  if (mechanism === 'PLAIN') {
    const response = command.initialResponse ?? (await challenge(context, ''));
    if (response === undefined) return bad('Authentication cancelled.');
    const decoded = decodeBase64(response === '=' ? '' : response);
    const parts = decoded?.toString('utf8').split('\u0000');
    if (!parts || parts.length !== 3) return bad('Malformed PLAIN response.');
    const [authorizationId, login, secret] = parts;
    if (authorizationId && authorizationId !== login)
      return no('Acting as another user is not allowed.', 'AUTHORIZATIONFAILED');
    return { login, secret };
  }
  if (mechanism === 'LOGIN') {
    const user = command.initialResponse ?? (await challenge(context, 'VXNlcm5hbWU6'));
    if (user === undefined) return bad('Authentication cancelled.');
    const password = await challenge(context, 'UGFzc3dvcmQ6');
    if (password === undefined) return bad('Authentication cancelled.');
    const login = decodeBase64(user);
    const secret = decodeBase64(password);
    if (!login || !secret) return bad('Malformed LOGIN response.');
    return { login: login.toString('utf8'), secret: secret.toString('utf8') };
  }
  return no('Unsupported mechanism; use PLAIN or LOGIN.', 'CANNOT');
}

/** Sends a SASL challenge and reads the answer; `*` (cancel) and a closed connection are undefined. */
async function challenge(context: SessionContext, text: string): Promise<string | undefined> {
  await context.flush();
  await context.io.write(`+ ${text}\r\n`);
  const line = await context.io.readLine();
  return line === undefined || line.trim() === '*' ? undefined : line.trim();
}

function decodeBase64(text: string): Buffer | undefined {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0
    ? Buffer.from(text, 'base64')
    : undefined;
}

function refusal(result: Exclude<SignInResult, { ok: true }>): Completion {
  switch (result.reason) {
    case 'THROTTLED':
      return no(`Too many failed sign-ins; try again in ${result.retryAfterSeconds} seconds.`, 'UNAVAILABLE');
    case 'TOKEN_EXPIRED':
      return no('The access token has expired.', 'EXPIRED');
    case 'USER_DISABLED':
      return no('This account cannot sign in.', 'CONTACTADMIN');
    case 'ACCESS_DENIED':
      return no("Your organization's access control rules do not allow this access.", 'AUTHORIZATIONFAILED');
    case 'METHOD_NOT_ALLOWED':
      return no(
        'Your organization signs in through single sign-on: use a personal access token instead of your password.',
        'AUTHORIZATIONFAILED',
      );
    default:
      return no('Invalid credentials.', 'AUTHENTICATIONFAILED');
  }
}

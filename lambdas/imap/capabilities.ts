import { APPEND_LIMIT_BYTES } from './message-commands';

/** Extensions every session announces (RFC 9051 plus those named in docs/imap.md). */
const EXTENSIONS = [
  'IMAP4rev1',
  'IMAP4rev2',
  'LITERAL+',
  'SASL-IR',
  'ID',
  'ENABLE',
  'IDLE',
  'NAMESPACE',
  'UNSELECT',
  'UIDPLUS',
  'MOVE',
  'CONDSTORE',
  'QRESYNC',
  'ESEARCH',
  'SEARCHRES',
  'LIST-EXTENDED',
  'LIST-STATUS',
  'SPECIAL-USE',
  'CHILDREN',
  'BINARY',
  'MULTIAPPEND',
  'UTF8=ACCEPT',
  'WITHIN',
  'STATUS=SIZE',
  `APPENDLIMIT=${APPEND_LIMIT_BYTES}`,
];

/** What a connection may do before sign-in. */
export interface PreAuthState {
  readonly authenticated: boolean;
  /** STARTTLS can still be used (a plaintext connection to a server with a certificate). */
  readonly canStartTls: boolean;
  /** Passwords may be sent now (TLS is on, or the server allows plaintext sign-in on this connection). */
  readonly mayLogin: boolean;
}

/**
 * The capability list for the connection's state: sign-in mechanisms and STARTTLS only before sign-in, and
 * LOGINDISABLED while a password would travel in the clear (RFC 9051 §6.2.3).
 * @example
 * capabilities({ authenticated: false, canStartTls: true, mayLogin: false }); // '… STARTTLS LOGINDISABLED'
 */
export function capabilities(state: PreAuthState): string {
  if (state.authenticated) return EXTENSIONS.join(' ');
  const signIn = state.mayLogin ? ['AUTH=PLAIN', 'AUTH=LOGIN'] : ['LOGINDISABLED'];
  return [...EXTENSIONS, ...(state.canStartTls ? ['STARTTLS'] : []), ...signIn].join(' ');
}

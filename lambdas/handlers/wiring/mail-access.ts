/**
 * The IMAP and SMTP submission container's composition root: the same sign-in, mailbox model, search and sending as
 * the JMAP function (`./mail`), bound to the servers' ports, and the certificate and ports from the environment.
 */
import { readFile } from 'node:fs/promises';
import { submit } from '../../core/sending';
import { ConfigurationError } from '../config';
import { MAIL_ACCESS_CONTAINER_PORTS, loadMailAccessTls, type MailAccessTls } from '../mail-access-config';
import type { MailAccessServiceDeps } from '../mail-access-service';
import { logger } from '../observability';
import { audit, authenticator, mail, sendingLogger, submission } from './mail';
import { settings } from './shared';

/** Failures that end an IMAP connection, by error name (never content, addresses or credentials). */
const onImapError = (error: unknown) =>
  logger.warn('IMAP connection failed', { error: error instanceof Error ? error.name : 'unknown' });

/** Sign-in, the mailbox model and the sending core, as the IMAP session and the submission server use them. */
export const mailAccessDeps: MailAccessServiceDeps = {
  imap: {
    mail,
    signIn: (login, secret, sourceAddress) =>
      authenticator.signInWithPassword(login, secret, { sourceAddress, protocol: 'IMAP' }),
    audit,
  },
  submission: {
    authenticator,
    submit: (request) => submit(submission.sending, request),
    logger: sendingLogger,
  },
  onImapError,
};

/**
 * Where the container listens (all interfaces, {@link MAIL_ACCESS_CONTAINER_PORTS}), its certificate, and the host
 * name the SMTP greeting names (the stack's `mailAccess.hostName`).
 * @example
 * const service = await startMailAccessService(mailAccessDeps, await mailAccessOptions());
 */
export async function mailAccessOptions(): Promise<{
  host: string;
  ports: typeof MAIL_ACCESS_CONTAINER_PORTS;
  tls: MailAccessTls;
  mailHost: string;
}> {
  if (!settings.mailAccess)
    throw new ConfigurationError('MAILWRIGHT_MAIL_ACCESS is not set', 'MAILWRIGHT_MAIL_ACCESS');
  return {
    host: '0.0.0.0',
    ports: MAIL_ACCESS_CONTAINER_PORTS,
    tls: await loadMailAccessTls(process.env, (path) => readFile(path, 'utf8')),
    mailHost: settings.mailAccess.hostName,
  };
}

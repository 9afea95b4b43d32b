import { CreateOrganizationCommand, RegisterMailDomainCommand } from '@aws-sdk/client-workmail';
import { createTransport } from 'nodemailer';
import { ImapClient } from './imap-client';
import { JMAP_USER_PASSWORD, jmapUser } from './jmap-users';
import type { TestRuntime } from './local-runtime';

/** A user of a test organization: address, password and a personal access token (scope `mail`). */
export interface MailUser {
  readonly userId: string;
  readonly email: string;
  readonly pass: string;
  readonly token: string;
}

/**
 * Creates an organization with a mail domain and one registered user per name (`<name>@<domain>`), each with the
 * password {@link JMAP_USER_PASSWORD} and a personal access token.
 * @param mw - the runtime
 * @param alias - the organization's alias
 * @param domain - its mail domain
 * @param names - the users' names
 * @example
 * const { ana, bruno } = await mailOrganization(mw, 'clients', 'clients.example.com', ['ana', 'bruno']);
 */
export async function mailOrganization<Name extends string>(
  mw: TestRuntime,
  alias: string,
  domain: string,
  names: readonly Name[],
): Promise<Record<Name, MailUser>> {
  const workmail = mw.workmail();
  const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: alias }));
  await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: domain }));
  const users = {} as Record<Name, MailUser>;
  for (const name of names) {
    const user = await jmapUser(mw, OrganizationId!, name, `${name}@${domain}`);
    users[name] = { ...user, pass: JMAP_USER_PASSWORD };
  }
  return users;
}

/**
 * Delivers a message from `olga@outside.example.net` over the runtime's inbound SMTP.
 * @example
 * await deliverFromOutside(mw, 'ana@clients.example.com', 'Lunch', 'Pizza on Friday?');
 */
export async function deliverFromOutside(
  mw: TestRuntime,
  to: string,
  subject: string,
  body: string,
): Promise<void> {
  const transport = createTransport({
    host: mw.smtp.host,
    port: mw.smtp.port,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({ from: 'Olga <olga@outside.example.net>', to, subject, text: body });
  transport.close();
}

/**
 * Waits until a word of a delivered subject is found by SEARCH in the user's INBOX: the search index catches up
 * right after each delivery.
 * @example
 * await untilSearchable(mw, ana, 'travel');
 */
export async function untilSearchable(mw: TestRuntime, user: MailUser, word: string): Promise<void> {
  const imap = await ImapClient.connect(mw.imap.host, mw.imap.port);
  await imap.login(user.email, user.pass);
  await imap.command('EXAMINE INBOX');
  const started = Date.now();
  const found = async () =>
    (await imap.command(`UID SEARCH SUBJECT ${word}`)).untagged.some(
      (line) => line[0] === 'SEARCH' && line.length > 1,
    );
  while (!(await found()))
    if (Date.now() - started > 10_000) throw new Error('the search index did not catch up');
  await imap.logout();
}

import { parseArgs } from 'node:util';
import type { ApiDeps } from '../core/api/deps';
import type { MailboxService } from '../core/mailbox/service';
import type { MessageListItem } from '../core/mailbox/types';
import { openLocalData } from './open-local-data';

/** The folders a message can be listed from. */
const FOLDERS = ['INBOX', 'JUNK_EMAIL'] as const;

/**
 * Finds the mailbox of an address (primary or alias) and lists its messages or returns one message's bytes.
 * @param deps - the API's ports (organizations, entities) and the mailbox service
 * @param address - a user's or resource's address
 * @example
 * const raw = await readDeliveredMessage(deps, mailboxes, 'alice@acme.mailwright.localhost', messageId);
 */
export async function readDeliveredMessage(
  deps: Pick<ApiDeps, 'organizations' | 'entities'>,
  mailboxes: MailboxService,
  address: string,
  messageId: string,
): Promise<Buffer> {
  const { organizationId, mailboxId } = await findMailbox(deps, address);
  return mailboxes.readMessage(organizationId, mailboxId, messageId);
}

/** Lists the newest messages (up to 100) of a folder of the mailbox an address belongs to. */
export async function listDeliveredMessages(
  deps: Pick<ApiDeps, 'organizations' | 'entities'>,
  mailboxes: MailboxService,
  address: string,
  folder: (typeof FOLDERS)[number],
): Promise<MessageListItem[]> {
  const { organizationId, mailboxId } = await findMailbox(deps, address);
  return (await mailboxes.listMessages(organizationId, mailboxId, folder, { limit: 100 })).items;
}

/** The organization and mailbox an address (primary or alias) belongs to; MailboxLookupError when none. */
export async function findMailbox(deps: Pick<ApiDeps, 'organizations' | 'entities'>, address: string) {
  const normalized = address.toLowerCase();
  const organizationId = await deps.organizations.findDomainOwner(
    normalized.slice(normalized.lastIndexOf('@') + 1),
  );
  const entity = organizationId && (await deps.entities.findByEmail(organizationId, normalized));
  if (!organizationId || !entity) throw new MailboxLookupError(`No mailbox has the address ${address}`);
  return { organizationId, mailboxId: entity.entityId };
}

/** Raised when an address belongs to no mailbox. */
export class MailboxLookupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MailboxLookupError';
  }
}

/**
 * `npm start -- read-message`: uses the engines of a runtime running on the data directory, or starts them for
 * the duration of the command when none runs. Returns the exit code.
 */
export async function readMessageCommand(
  argv: readonly string[],
  out: NodeJS.WritableStream,
): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      user: { type: 'string' },
      'message-id': { type: 'string' },
      folder: { type: 'string', default: 'INBOX' },
      data: { type: 'string', default: '.mailwright' },
    },
    strict: true,
  });
  const folder = values.folder as (typeof FOLDERS)[number];
  if (!values.user || !FOLDERS.includes(folder)) {
    console.error(
      'Usage: npm start -- read-message --user ADDRESS [--message-id ID] [--folder INBOX|JUNK_EMAIL]',
    );
    return 2;
  }
  const opened = await openLocalData(values.data);
  if (!opened) return 1;
  const { wiring } = opened;
  try {
    const { mailboxes } = wiring;
    if (values['message-id']) {
      out.write(await readDeliveredMessage(wiring.deps, mailboxes, values.user, values['message-id']));
      return 0;
    }
    for (const item of await listDeliveredMessages(wiring.deps, mailboxes, values.user, folder)) {
      const date = new Date(item.receivedAt).toISOString();
      out.write(`${item.messageId}\t${date}\t${item.sizeBytes}\t${item.summary.subject ?? ''}\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof MailboxLookupError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await opened.close();
  }
}

import type { MailboxOperation } from '../core/audit-logs/mailbox-access';
import type { MailboxAction } from '../core/audit-logs/types';
import type { Command } from './protocol/types';
import type { Completion } from './session-context';

/** Where a command ran: the mailbox's owner and, once one is selected, its folder. */
export interface CommandScope {
  readonly ownerId: string;
  readonly folderId?: string;
}

/** Message commands on the selected folder, by the action WorkMail's mailbox access log names. */
const MESSAGE_ACTIONS: Partial<Record<Command['name'], MailboxAction>> = {
  FETCH: 'read',
  SEARCH: 'read_summary',
  COPY: 'copy',
  MOVE: 'move',
  EXPUNGE: 'delete',
};
/** Folder commands, by the folder they name. */
const FOLDER_ACTIONS: Partial<Record<Command['name'], MailboxAction>> = {
  SELECT: 'read',
  EXAMINE: 'read',
  STATUS: 'read_summary',
  CREATE: 'create',
  DELETE: 'delete',
  RENAME: 'update',
  LIST: 'read_hierarchy',
  LSUB: 'read_hierarchy',
};

/**
 * What an IMAP command attempted on mailbox data, as mailbox access audit operations: one per command (message
 * commands name the selected folder, not each message: a sequence set is not a list of ids); STORE of `\Seen`
 * alone is `update_read_state`. Refusals for lack of permission (`NOPERM`, `READ-ONLY`) are `allowed: false`;
 * other failures (no such folder, bad syntax) attempted nothing and give none.
 * @example
 * const operations = imapOperations(command, completion, { ownerId: user.userId, folderId });
 */
export function imapOperations(
  command: Command,
  completion: Completion,
  scope: CommandScope,
): MailboxOperation[] {
  const denied =
    completion.status === 'NO' && (completion.code === 'NOPERM' || completion.code === 'READ-ONLY');
  if (completion.status !== 'OK' && !denied) return [];
  const allowed = !denied;
  const folder = scope.folderId === undefined ? {} : { folderId: scope.folderId };
  if (command.name === 'STORE') {
    const readState =
      command.flags.length > 0 && command.flags.every((flag) => flag.toLowerCase() === '\\seen');
    const action = readState ? 'update_read_state' : 'update';
    return [{ action, objectType: 'Message', ownerId: scope.ownerId, ...folder, allowed }];
  }
  if (command.name === 'APPEND') {
    const path = { folderPath: command.mailbox };
    return [{ action: 'create', objectType: 'Message', ownerId: scope.ownerId, ...path, allowed }];
  }
  const messageAction = MESSAGE_ACTIONS[command.name];
  if (messageAction)
    return [{ action: messageAction, objectType: 'Message', ownerId: scope.ownerId, ...folder, allowed }];
  const folderAction = FOLDER_ACTIONS[command.name];
  if (!folderAction) return [];
  const path =
    'mailbox' in command
      ? { folderPath: command.mailbox }
      : command.name === 'RENAME'
        ? { folderPath: command.from }
        : {};
  return [{ action: folderAction, objectType: 'Folder', ownerId: scope.ownerId, ...path, allowed }];
}

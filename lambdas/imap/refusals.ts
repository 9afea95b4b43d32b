import type { ModelRefusal } from '../core/mailbox';
import { no, type Completion } from './session-context';

/**
 * The IMAP answer to a refusal of the mailbox model: `NO` with the RFC 5530 response code that tells a client what
 * to do (TRYCREATE, ALREADYEXISTS, OVERQUOTA, LIMIT, CANNOT, NONEXISTENT).
 * @example
 * refusalCompletion({ type: 'nameTaken' }); // NO [ALREADYEXISTS] …
 */
export function refusalCompletion(refusal: ModelRefusal): Completion {
  switch (refusal.type) {
    case 'notFound':
    case 'parentNotFound':
      return no('No such mailbox.', 'NONEXISTENT');
    case 'folderNotFound':
      return no('The target mailbox does not exist.', 'TRYCREATE');
    case 'invalidName':
      return no(refusal.reason, 'CANNOT');
    case 'nameTaken':
      return no('A mailbox with this name exists.', 'ALREADYEXISTS');
    case 'cycle':
      return no('A mailbox cannot be moved under itself.', 'CANNOT');
    case 'tooDeep':
      return no('Mailboxes nest at most 32 deep.', 'LIMIT');
    case 'tooManyFolders':
      return no('A mailbox holds at most 1,000 folders.', 'LIMIT');
    case 'systemFolder':
      return no('System folders cannot be renamed or deleted.', 'CANNOT');
    case 'retentionFolder':
      return no('Only retention moves messages into Recoverable Items.', 'CANNOT');
    case 'folderHasChildren':
      return no('The mailbox has child mailboxes.', 'CANNOT');
    case 'folderHasMessages':
      return no('The mailbox is not empty.', 'CANNOT');
    case 'invalidKeyword':
      return no('A flag is not valid.', 'CANNOT');
    case 'tooManyKeywords':
      return no('A message has at most 100 flags.', 'LIMIT');
    case 'tooManyChanges':
      return no('Too many changes at once.', 'LIMIT');
    case 'overQuota':
      return no('The mailbox is over its quota.', 'OVERQUOTA');
  }
}

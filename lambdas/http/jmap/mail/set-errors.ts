import type { ModelRefusal } from '../../../core/mailbox/model-types';

/** A JMAP SetError (RFC 8620 §5.3). */
export interface SetError {
  readonly type: string;
  readonly description?: string;
  readonly properties?: readonly string[];
  /** `blobNotFound`: the blob ids that were not found. */
  readonly notFound?: readonly string[];
}

/**
 * The SetError of a mailbox-model refusal: the one place JMAP maps the model's reasons to its wire errors.
 * @param refusal - why the model refused
 * @param property - the property the refusal is about, for `invalidProperties`
 * @example
 * setErrorOf({ type: 'nameTaken' }, 'name'); // { type: 'invalidProperties', properties: ['name'], … }
 */
export function setErrorOf(refusal: ModelRefusal, property?: string): SetError {
  const invalid = (description: string, properties = property ? [property] : []) => ({
    type: 'invalidProperties',
    description,
    properties,
  });
  switch (refusal.type) {
    case 'notFound':
      return { type: 'notFound' };
    case 'folderNotFound':
      return invalid('A mailbox in mailboxIds does not exist.', ['mailboxIds']);
    case 'invalidName':
      return invalid(refusal.reason, ['name']);
    case 'nameTaken':
      return invalid('A sibling mailbox has this name.', ['name']);
    case 'parentNotFound':
      return invalid('The parent mailbox does not exist.', ['parentId']);
    case 'cycle':
      return invalid('A mailbox cannot be moved under itself.', ['parentId']);
    case 'tooDeep':
      return invalid('Mailboxes nest at most 32 deep.', ['parentId']);
    case 'tooManyFolders':
      return { type: 'overQuota', description: 'An account holds at most 1,000 mailboxes.' };
    case 'systemFolder':
      return { type: 'forbidden', description: 'System mailboxes cannot be renamed, moved or destroyed.' };
    case 'folderHasChildren':
      return { type: 'mailboxHasChild' };
    case 'folderHasMessages':
      return { type: 'mailboxHasEmail' };
    case 'invalidKeyword':
      return invalid('A keyword is not valid.', ['keywords']);
    case 'tooManyKeywords':
      return { type: 'tooManyKeywords', description: 'A message has at most 100 keywords.' };
    case 'tooManyChanges':
      return { type: 'tooManyChanges' };
  }
}

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
    case 'retentionFolder':
      return invalid('Only retention moves messages into Recoverable Items.', ['mailboxIds']);
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
    case 'overQuota':
      return { type: 'overQuota' };
  }
}

/**
 * The `create` part of a /set-like call: creates each item in order, recording each new id under its creation id
 * (so later items and calls can refer to `#creationId`).
 * @example
 * const { created, notCreated } = await createEach(create, context.createdIds, (spec) => createEmail(…, spec));
 */
export async function createEach<T extends { readonly id: string }>(
  create: Readonly<Record<string, unknown>>,
  createdIds: { record(creationId: string, id: string): void },
  createOne: (spec: unknown, creationId: string) => Promise<T | SetError>,
): Promise<{ created: Record<string, T>; notCreated: Record<string, SetError> }> {
  const created: Record<string, T> = {};
  const notCreated: Record<string, SetError> = {};
  for (const [creationId, spec] of Object.entries(create)) {
    const outcome = await createOne(spec, creationId);
    if ('type' in outcome) {
      notCreated[creationId] = outcome;
      continue;
    }
    createdIds.record(creationId, outcome.id);
    created[creationId] = outcome;
  }
  return { created, notCreated };
}

import type { AuditEvents } from '../../../core/audit-logs/ports';
import { reportMailboxAccess, type MailboxOperation } from '../../../core/audit-logs/mailbox-access';
import type { MailboxAction } from '../../../core/audit-logs/types';
import type { AuthenticatedUser } from '../../../core/user-auth/types';
import { JmapMethodError } from '../errors';
import type { JmapMethod, JmapMethodRegistry, JmapMethodResult } from '../method';
import type { JmapArguments } from '../types';

/** How one JMAP method's ids translate into WorkMail's mailbox actions. */
interface Translation {
  readonly objectType: MailboxOperation['objectType'];
  readonly get?: MailboxAction;
  readonly create?: MailboxAction;
  readonly update?: MailboxAction;
  readonly destroy?: MailboxAction;
}

/** The methods that touch mailbox data; the others are not reported. */
const TRANSLATIONS: Readonly<Record<string, Translation>> = {
  'Mailbox/get': { objectType: 'Folder', get: 'read_hierarchy' },
  'Mailbox/set': { objectType: 'Folder', create: 'create', update: 'update', destroy: 'delete' },
  'Email/get': { objectType: 'Message', get: 'read' },
  'Email/set': { objectType: 'Message', create: 'create', update: 'update', destroy: 'delete' },
  'Email/copy': { objectType: 'Message', create: 'copy' },
  'Email/import': { objectType: 'Message', create: 'create' },
  'EmailSubmission/set': {
    objectType: 'Message',
    create: 'submit_email_for_sending',
    destroy: 'abort_sending_email',
  },
};

/** Method errors that deny the call; other errors (invalid arguments, state mismatch) attempted nothing. */
const DENIALS: ReadonlySet<string> = new Set(['forbidden', 'accountReadOnly']);

const keysOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((id): id is string => typeof id === 'string')
    : value && typeof value === 'object'
      ? Object.keys(value)
      : [];

/** What a call's response says about its ids: those refused as forbidden, and the ids given to created objects. */
function outcomeOf(result: JmapMethodResult): { refused: Set<string>; created: Map<string, string> } {
  const refused = new Set<string>();
  const created = new Map<string, string>();
  if (Array.isArray(result)) return { refused, created };
  const response = result as JmapArguments;
  for (const key of ['notCreated', 'notUpdated', 'notDestroyed']) {
    const errors = response[key];
    if (!errors || typeof errors !== 'object') continue;
    for (const [id, error] of Object.entries(errors as Record<string, { type?: string }>)) {
      if (error?.type === 'forbidden') refused.add(id);
    }
  }
  const objects = response.created;
  if (objects && typeof objects === 'object') {
    for (const [creationId, object] of Object.entries(objects as Record<string, { id?: unknown }>)) {
      if (typeof object?.id === 'string') created.set(creationId, object.id);
    }
  }
  return { refused, created };
}

/**
 * The operations a call names: one per id in `ids`, `create` (`emails` for Email/import), `update` and `destroy`.
 * A created object is named by the id it got; a creation refused keeps no id.
 */
function operationsOf(
  translation: Translation,
  args: JmapArguments,
  ownerId: string,
  outcome:
    { readonly refused: ReadonlySet<string>; readonly created: ReadonlyMap<string, string> } | 'denied',
): MailboxOperation[] {
  const operations: MailboxOperation[] = [];
  const { objectType } = translation;
  const add = (action: MailboxAction | undefined, ids: string[], creating = false) => {
    if (!action) return;
    for (const id of ids) {
      const allowed = outcome !== 'denied' && !outcome.refused.has(id);
      const named = creating ? (outcome === 'denied' ? undefined : outcome.created.get(id)) : id;
      const target =
        named === undefined ? {} : objectType === 'Folder' ? { folderId: named } : { itemId: named };
      operations.push({ action, objectType, ownerId, ...target, allowed });
    }
  };
  add(translation.get, keysOf(args.ids));
  add(translation.create, keysOf(args.create ?? args.emails), true);
  add(translation.update, keysOf(args.update));
  add(translation.destroy, keysOf(args.destroy));
  return operations;
}

/**
 * The methods, with what each call attempted on items and folders reported to the mailbox access audit log: one
 * operation per id the call names (operationsOf); denied ones (a `forbidden` or `accountReadOnly` method error, or
 * a per-id `forbidden`) with `allowed: false`. A call refused for another reason (invalid arguments, a state
 * mismatch) attempted nothing and is not reported. Wraps the read-only guard, so its refusals are reported too.
 * @example
 * const methods = auditedMethods(readOnlyGuard({ ...mailboxMethods(deps), ...emailMethods(deps) }), audit);
 */
export function auditedMethods(
  methods: JmapMethodRegistry<AuthenticatedUser>,
  audit: AuditEvents | undefined,
): JmapMethodRegistry<AuthenticatedUser> {
  if (!audit) return methods;
  const audited = ([name, method]: [string, JmapMethod<AuthenticatedUser>]) => {
    const translation = TRANSLATIONS[name];
    if (!translation) return [name, method];
    const handle: JmapMethod<AuthenticatedUser>['handle'] = async (args, context) => {
      const ownerId = typeof args.accountId === 'string' ? args.accountId : context.principal.userId;
      const report = (outcome: Parameters<typeof operationsOf>[3]) =>
        reportMailboxAccess(
          audit,
          context.principal,
          'JMAP',
          operationsOf(translation, args, ownerId, outcome),
        );
      let result: JmapMethodResult;
      try {
        result = await method.handle(args, context);
      } catch (error) {
        if (error instanceof JmapMethodError && DENIALS.has(error.type)) await report('denied');
        throw error;
      }
      if (!(result instanceof JmapMethodError)) await report(outcomeOf(result));
      else if (DENIALS.has(result.type)) await report('denied');
      return result;
    };
    return [name, { ...method, handle }];
  };
  return Object.fromEntries(Object.entries(methods).map(audited));
}

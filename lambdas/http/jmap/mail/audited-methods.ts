import type { AuditEvents } from '../../../core/audit-logs/ports';
import { reportMailboxAccess, type MailboxOperation } from '../../../core/audit-logs/mailbox-access';
import type { MailboxAction } from '../../../core/audit-logs/types';
import type { AuthenticatedUser } from '../../../core/user-auth/types';
import { JmapMethodError } from '../errors';
import type { JmapMethodRegistry, JmapMethodResult } from '../method';
import type { JmapArguments } from '../types';

/** How a JMAP method's ids translate into WorkMail's mailbox actions; methods not listed touch no mailbox data. */
const TRANSLATIONS: Readonly<
  Record<
    string,
    {
      readonly objectType: MailboxOperation['objectType'];
      readonly get?: MailboxAction;
      readonly create?: MailboxAction;
      readonly update?: MailboxAction;
      readonly destroy?: MailboxAction;
    }
  >
> = {
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

/** Ids a /set (or /copy, /import) refused as forbidden. */
function forbiddenIds(result: JmapMethodResult): Set<string> {
  const responses = Array.isArray(result) ? [] : [result as JmapArguments];
  const refused = new Set<string>();
  for (const response of responses) {
    for (const key of ['notCreated', 'notUpdated', 'notDestroyed']) {
      const errors = response[key];
      if (!errors || typeof errors !== 'object') continue;
      for (const [id, error] of Object.entries(errors as Record<string, { type?: string }>)) {
        if (error?.type === 'forbidden') refused.add(id);
      }
    }
  }
  return refused;
}

/**
 * The methods, with what each call attempted on items and folders reported to the mailbox access audit log: one
 * operation per id the call names (`ids`, `create`, `update`, `destroy`); denied ones (a `forbidden` or
 * `accountReadOnly` method error, or a per-id `forbidden`) with `allowed: false`. A call refused for another reason
 * (invalid arguments, a state mismatch) attempted nothing and is not reported. Wraps the read-only guard, so its
 * refusals are reported too.
 */
export function auditedMethods(
  methods: JmapMethodRegistry<AuthenticatedUser>,
  audit: AuditEvents | undefined,
): JmapMethodRegistry<AuthenticatedUser> {
  if (!audit) return methods;
  return Object.fromEntries(
    Object.entries(methods).map(([name, method]) => {
      const translation = TRANSLATIONS[name];
      if (!translation) return [name, method];
      return [
        name,
        {
          ...method,
          handle: async (args, context) => {
            const ownerId = typeof args.accountId === 'string' ? args.accountId : context.principal.userId;
            const report = (denied: (id: string) => boolean) => {
              const operations: MailboxOperation[] = [];
              const add = (action: MailboxAction | undefined, ids: string[]) => {
                if (!action) return;
                for (const id of ids) {
                  const target = translation.objectType === 'Folder' ? { folderId: id } : { itemId: id };
                  const allowed = !denied(id);
                  operations.push({
                    action,
                    objectType: translation.objectType,
                    ownerId,
                    ...target,
                    allowed,
                  });
                }
              };
              add(translation.get, keysOf(args.ids));
              add(translation.create, keysOf(args.create ?? args.emails));
              add(translation.update, keysOf(args.update));
              add(translation.destroy, keysOf(args.destroy));
              return reportMailboxAccess(audit, context.principal, 'JMAP', operations);
            };
            let result: JmapMethodResult;
            try {
              result = await method.handle(args, context);
            } catch (error) {
              if (error instanceof JmapMethodError && DENIALS.has(error.type)) await report(() => true);
              throw error;
            }
            if (result instanceof JmapMethodError) {
              if (DENIALS.has(result.type)) await report(() => true);
              return result;
            }
            const refused = forbiddenIds(result);
            await report((id) => refused.has(id));
            return result;
          },
        },
      ];
    }),
  );
}

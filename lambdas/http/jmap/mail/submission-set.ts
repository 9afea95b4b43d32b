import { randomBytes } from 'node:crypto';
import { readMessages } from '../../../core/mailbox/model-reads';
import {
  headerAddresses,
  splitMessage,
  submit,
  type SendRefusal,
  type SmtpEnvelope,
} from '../../../core/sending';
import type { AuthenticatedUser } from '../../../core/user-auth/types';
import { JmapMethodError } from '../errors';
import type { JmapMethod, JmapMethodContext, JmapNamedResponse } from '../method';
import type { JmapArguments } from '../types';
import { isObject, isStringArray } from './arguments';
import type { MailMethodDeps } from './context';
import { identitiesOf } from './identities';
import type { SetError } from './set-errors';
import { JMAP_SUBMISSION, submissionState, type SubmissionMethodDeps } from './submission-context';
import { submissionIdAt } from './submission-object';

/**
 * EmailSubmission/set (RFC 8621 §7.5): create sends the Email through the sending core; `onSuccessUpdateEmail` and
 * `onSuccessDestroyEmail` run as an implicit Email/set after it. Submissions are final at once, so update
 * (`undoStatus: canceled`) is `cannotUnsend` and destroy is `forbidden` (records expire after 7 days).
 * @param emailSet - the Email/set method the implicit response comes from
 * @example
 * const methods = { 'EmailSubmission/set': emailSubmissionSet(mail, sending, emailSet) };
 */
export function emailSubmissionSet(
  mail: MailMethodDeps,
  deps: SubmissionMethodDeps,
  emailSet: JmapMethod<AuthenticatedUser>,
): JmapMethod<AuthenticatedUser> {
  return {
    capability: JMAP_SUBMISSION,
    handle: async (args, context) => {
      const user = context.principal;
      if (args.accountId !== user.userId) throw new JmapMethodError('accountNotSupportedByMethod');
      const oldState = await submissionState(deps, user);
      if (args.ifInState !== undefined && args.ifInState !== null && args.ifInState !== oldState)
        throw new JmapMethodError('stateMismatch');
      const created: Record<string, unknown> = {};
      const notCreated: Record<string, SetError> = {};
      const emailOf = new Map<string, string>();
      for (const [creationId, spec] of Object.entries(isObject(args.create) ? args.create : {})) {
        const outcome = await createOne(mail, deps, context, spec);
        if ('type' in outcome) notCreated[creationId] = outcome;
        else {
          context.createdIds.record(creationId, outcome.id);
          emailOf.set(outcome.id, outcome.emailId);
          created[creationId] = {
            id: outcome.id,
            threadId: outcome.threadId,
            sendAt: outcome.sendAt,
            undoStatus: 'final',
          };
        }
      }
      const notUpdated: Record<string, SetError> = {};
      for (const id of Object.keys(isObject(args.update) ? args.update : {}))
        notUpdated[id] = { type: 'cannotUnsend', description: 'Messages are sent at once.' };
      const notDestroyed: Record<string, SetError> = {};
      for (const id of isStringArray(args.destroy) ? args.destroy : [])
        notDestroyed[id] = { type: 'forbidden', description: 'Submissions are kept 7 days, then removed.' };
      const response: JmapArguments = {
        accountId: user.userId,
        oldState,
        newState: await submissionState(deps, user),
        created,
        updated: {},
        destroyed: [],
        notCreated,
        notUpdated,
        notDestroyed,
      };
      const implicit = implicitEmailSet(args, context, emailOf);
      if (!implicit) return response;
      const result = await emailSet.handle({ accountId: user.userId, ...implicit }, context);
      return [
        ['EmailSubmission/set', response],
        ['Email/set', result as JmapArguments],
      ] as JmapNamedResponse[];
    },
  };
}

/** The implicit Email/set's `update` and `destroy`, for the submissions this call created. */
function implicitEmailSet(
  args: JmapArguments,
  context: JmapMethodContext<AuthenticatedUser>,
  emailOf: ReadonlyMap<string, string>,
): { update?: Record<string, unknown>; destroy?: string[] } | undefined {
  const emailFor = (key: string) => {
    const id = context.createdIds.resolve(key);
    return id === undefined ? undefined : emailOf.get(id);
  };
  const update: Record<string, unknown> = {};
  for (const [key, patch] of Object.entries(
    isObject(args.onSuccessUpdateEmail) ? args.onSuccessUpdateEmail : {},
  )) {
    const emailId = emailFor(key);
    if (emailId) update[emailId] = patch;
  }
  const destroy = (isStringArray(args.onSuccessDestroyEmail) ? args.onSuccessDestroyEmail : []).flatMap(
    (key) => {
      const emailId = emailFor(key);
      return emailId ? [emailId] : [];
    },
  );
  if (Object.keys(update).length === 0 && destroy.length === 0) return undefined;
  return {
    ...(Object.keys(update).length > 0 ? { update } : {}),
    ...(destroy.length > 0 ? { destroy } : {}),
  };
}

async function createOne(
  mail: MailMethodDeps,
  deps: SubmissionMethodDeps,
  context: JmapMethodContext<AuthenticatedUser>,
  spec: unknown,
): Promise<{ id: string; emailId: string; threadId: string; sendAt: string } | SetError> {
  const user = context.principal;
  const invalid = (property: string, description?: string): SetError => ({
    type: 'invalidProperties',
    properties: [property],
    ...(description ? { description } : {}),
  });
  if (!isObject(spec)) return { type: 'invalidProperties', description: 'A submission is an object.' };
  if (typeof spec.identityId !== 'string') return invalid('identityId');
  if (typeof spec.emailId !== 'string') return invalid('emailId');
  const envelope =
    spec.envelope === undefined || spec.envelope === null ? undefined : envelopeOf(spec.envelope);
  if (envelope === null) return invalid('envelope');
  const identity = (await identitiesOf(deps, user)).find((candidate) => candidate.id === spec.identityId);
  if (!identity) return invalid('identityId', 'No such identity.');
  const emailId = context.createdIds.resolve(spec.emailId);
  const { found } = emailId
    ? await readMessages(mail.store, user.organizationId, user.userId, [emailId])
    : { found: [] };
  if (!emailId || found.length === 0) return invalid('emailId', 'No such Email.');
  const raw = await mail.mailboxes.readMessage(user.organizationId, user.userId, emailId);
  const from = headerAddresses(splitMessage(raw), 'from');
  if (from.length !== 1 || from[0].toLowerCase() !== identity.email.toLowerCase())
    return { type: 'forbiddenFrom', description: 'The From of the Email must be the identity’s address.' };
  const sendAt = (mail.now ?? Date.now)();
  const submissionId = submissionIdAt(sendAt, randomBytes(6).toString('hex'));
  const outcome = await submit(deps.sending, {
    user: { organizationId: user.organizationId, userId: user.userId, email: user.email },
    mailboxId: user.userId,
    raw,
    envelope,
    submissionId,
  }).catch((error: unknown) => {
    if ((error as { name?: string }).name === 'OutboundSendError') return undefined;
    throw error;
  });
  if (outcome === undefined)
    return {
      type: 'serverFail',
      description: 'The outbound mail service did not take the message; nothing was sent.',
    };
  if (!outcome.ok) return refusalError(outcome.refusal);
  await deps.submissions.put({
    organizationId: user.organizationId,
    mailboxId: user.userId,
    submissionId,
    identityId: identity.id,
    emailId,
    threadId: found[0].threadId,
    sendAt,
    envelope: outcome.value.envelope,
    recipients: outcome.value.recipients,
  });
  return {
    id: submissionId,
    emailId,
    threadId: found[0].threadId,
    sendAt: new Date(sendAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** The SMTP envelope of a JMAP Envelope object, or null when it is malformed. SMTP parameters are not supported. */
function envelopeOf(value: unknown): SmtpEnvelope | null {
  const address = (entry: unknown) =>
    isObject(entry) && typeof entry.email === 'string' && (entry.parameters ?? null) === null
      ? entry.email
      : null;
  if (!isObject(value) || !Array.isArray(value.rcptTo)) return null;
  const mailFrom = address(value.mailFrom);
  const rcptTo = value.rcptTo.map(address);
  if (mailFrom === null || rcptTo.some((entry) => entry === null)) return null;
  return { mailFrom, rcptTo: rcptTo as string[] };
}

/** The SetError of a refusal of the sending core: the one place JMAP names them (RFC 8621 §7.5). */
export function refusalError(refusal: SendRefusal): SetError & Record<string, unknown> {
  switch (refusal.type) {
    case 'forbiddenFrom':
      return { type: 'forbiddenFrom', description: 'You may not send with this From address.' };
    case 'forbiddenMailFrom':
      return { type: 'forbiddenMailFrom', description: 'You may not use this envelope sender.' };
    case 'noRecipients':
      return { type: 'noRecipients' };
    case 'invalidRecipients':
      return { type: 'invalidRecipients', invalidRecipients: refusal.invalidRecipients };
    case 'tooManyRecipients':
      return { type: 'tooManyRecipients', maxRecipients: refusal.maxRecipients };
    case 'tooLarge':
      return { type: 'tooLarge', maxSize: refusal.maxSize };
    case 'forbiddenToSend':
      return { type: 'forbiddenToSend', description: `The daily sending limit ${refusal.limit} is reached.` };
  }
}

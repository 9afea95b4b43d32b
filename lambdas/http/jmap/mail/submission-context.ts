import type { EntityStore } from '../../../core/directory/ports';
import type { MailboxPermissions } from '../../../core/permissions/mailbox-permissions';
import type { IdentitySettingsStore, SendingDeps, SubmissionStore } from '../../../core/sending';

/** The JMAP Submission capability (RFC 8621 §1.3.2). */
export const JMAP_SUBMISSION = 'urn:ietf:params:jmap:submission';

/** What the Identity and EmailSubmission methods need besides the mail methods' deps. */
export interface SubmissionMethodDeps {
  /** The protocol-neutral sending core's ports (`lambdas/core/sending`). */
  readonly sending: SendingDeps;
  readonly submissions: SubmissionStore;
  readonly identitySettings: IdentitySettingsStore;
  /** The user and the mailboxes they may send from, for their identities. */
  readonly entities: Pick<EntityStore, 'getEntity'>;
  readonly permissions: Pick<MailboxPermissions, 'mailboxAccess'>;
}

/**
 * The state of a user's submissions: the newest submission's id (ids sort by time), `0` before the first.
 * @example
 * const state = await submissionState(deps, user);
 */
export async function submissionState(
  deps: Pick<SubmissionMethodDeps, 'submissions'>,
  user: { readonly organizationId: string; readonly userId: string },
): Promise<string> {
  const [newest] = await deps.submissions.list(user.organizationId, user.userId, {
    order: 'newest',
    limit: 1,
  });
  return newest?.submissionId ?? '0';
}

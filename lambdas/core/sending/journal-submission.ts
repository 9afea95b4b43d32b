import { resolveRecipients } from '../delivery/recipients';
import type { EnvelopeRecipient } from '../journaling/report-recipients';
import type { SendingDeps } from './ports';
import type { SmtpEnvelope } from './types';

/** What {@link journalSubmission} records. */
export interface JournaledSubmission {
  readonly organizationId: string;
  readonly submissionId: string;
  /** The copy recipients get (without `Bcc:`). */
  readonly raw: Buffer;
  readonly envelope: SmtpEnvelope;
  /** True for an address of the sender's organization. */
  readonly isLocal: (address: string) => boolean;
}

/**
 * Adds the journal record of a submission when the organization journals: every envelope recipient, the groups of
 * the organization expanded to their members (`Expanded:`), outside addresses as given. The record id derives from
 * the submission id, so a replayed submission adds none twice.
 * @example
 * await journalSubmission(deps, { organizationId, submissionId, raw: transmitted, envelope, isLocal });
 */
export async function journalSubmission(
  deps: Pick<SendingDeps, 'journal' | 'directory'>,
  submission: JournaledSubmission,
): Promise<void> {
  const { journal } = deps;
  if (!journal || !(await journal.journals(submission.organizationId))) return;
  const recipients: EnvelopeRecipient[] = [];
  for (const address of submission.envelope.rcptTo) {
    if (!submission.isLocal(address)) {
      recipients.push({ address, inOrganization: false });
      continue;
    }
    const { targets } = await resolveRecipients([address], deps.directory, {
      defaultQuotaBytes: deps.directory.defaultQuotaBytes,
      maxRecipients: 1,
    });
    const members = targets.filter((target) => target.expandedFrom !== undefined);
    if (members.length === 0) recipients.push({ address, inOrganization: true });
    for (const member of members)
      recipients.push({
        address: member.email ?? member.recipient,
        expandedFrom: address,
        inOrganization: true,
      });
  }
  await journal.record({
    direction: 'outbound',
    organizationId: submission.organizationId,
    messageId: submission.submissionId,
    raw: submission.raw,
    envelopeFrom: submission.envelope.mailFrom,
    recipients,
  });
}

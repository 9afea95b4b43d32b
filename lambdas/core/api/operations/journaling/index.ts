import type { Operation } from '../../operation';
import { deleteJournalingConfiguration } from './delete-journaling-configuration';
import { describeJournalingConfiguration } from './describe-journaling-configuration';
import { putJournalingConfiguration } from './put-journaling-configuration';
import { verifyJournalReport } from './verify-journal-report';

export { deleteJournalingConfiguration } from './delete-journaling-configuration';
export { describeJournalingConfiguration } from './describe-journaling-configuration';
export { putJournalingConfiguration } from './put-journaling-configuration';
export { verifyJournalReport } from './verify-journal-report';

/** The journaling operations of the catalog (Mailwright extensions, served as `MailwrightService.<Action>`). */
export const journalingOperations: readonly Operation[] = [
  putJournalingConfiguration,
  describeJournalingConfiguration,
  deleteJournalingConfiguration,
  verifyJournalReport,
] as unknown as readonly Operation[];

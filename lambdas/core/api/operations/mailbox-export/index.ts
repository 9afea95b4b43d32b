import type { Operation } from '../../operation';
import { cancelMailboxExportJob } from './cancel-mailbox-export-job';
import { describeMailboxExportJob } from './describe-mailbox-export-job';
import { listMailboxExportJobs } from './list-mailbox-export-jobs';
import { startMailboxExportJob } from './start-mailbox-export-job';
import { describeMailboxImportJob } from './describe-mailbox-import-job';
import { startMailboxImportJob } from './start-mailbox-import-job';

export { cancelMailboxExportJob } from './cancel-mailbox-export-job';
export { describeMailboxExportJob } from './describe-mailbox-export-job';
export { listMailboxExportJobs } from './list-mailbox-export-jobs';
export { startMailboxExportJob } from './start-mailbox-export-job';
export { describeMailboxImportJob } from './describe-mailbox-import-job';
export { startMailboxImportJob } from './start-mailbox-import-job';

/**
 * The mailbox export job operations of the catalog (WorkMail's, served as `WorkMailService.<Action>`) and the import
 * extension (`MailwrightService.<Action>`).
 */
export const mailboxExportOperations: readonly Operation[] = [
  startMailboxExportJob,
  describeMailboxExportJob,
  listMailboxExportJobs,
  cancelMailboxExportJob,
  startMailboxImportJob,
  describeMailboxImportJob,
] as unknown as readonly Operation[];

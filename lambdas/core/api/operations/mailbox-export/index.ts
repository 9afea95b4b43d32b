import type { Operation } from '../../operation';
import { cancelMailboxExportJob } from './cancel-mailbox-export-job';
import { describeMailboxExportJob } from './describe-mailbox-export-job';
import { listMailboxExportJobs } from './list-mailbox-export-jobs';
import { startMailboxExportJob } from './start-mailbox-export-job';

export { cancelMailboxExportJob } from './cancel-mailbox-export-job';
export { describeMailboxExportJob } from './describe-mailbox-export-job';
export { listMailboxExportJobs } from './list-mailbox-export-jobs';
export { startMailboxExportJob } from './start-mailbox-export-job';

/** The mailbox export job operations of the catalog (WorkMail's, served as `WorkMailService.<Action>`). */
export const mailboxExportOperations: readonly Operation[] = [
  startMailboxExportJob,
  describeMailboxExportJob,
  listMailboxExportJobs,
  cancelMailboxExportJob,
] as unknown as readonly Operation[];

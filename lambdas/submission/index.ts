export { startSubmissionServer } from './submission-server';
export type { SubmissionServer, SubmissionServerDeps, SubmissionServerOptions } from './submission-server';

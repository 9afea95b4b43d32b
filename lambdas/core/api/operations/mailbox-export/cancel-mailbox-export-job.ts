import { Type } from '@sinclair/typebox';
import { withClientToken } from '../../../directory/client-tokens';
import { requireOrganization } from '../../../directory/guards';
import { cancelExportJob } from '../../../export/jobs';
import { EntityNotFoundException, InvalidParameterException } from '../../errors';
import { defineOperation } from '../../operation';
import { ClientToken, OrganizationId } from '../../shapes';
import { JobId } from './shapes';

/**
 * CancelMailboxExportJob: a RUNNING job becomes CANCELLED at once; its worker stops at the next checkpoint and
 * aborts the upload. A job that already ended cannot be cancelled (InvalidParameterException).
 */
export const cancelMailboxExportJob = defineOperation({
  name: 'CancelMailboxExportJob',
  service: 'WorkMailService',
  summary: 'Cancels a running mailbox export job.',
  input: Type.Object({ ClientToken, JobId, OrganizationId }),
  output: Type.Object({}),
  errors: [
    'EntityNotFoundException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'DELETE', path: '/organizations/{OrganizationId}/mailbox-export-jobs/{JobId}' },
  mutating: true,
  handle: (input, { deps }) =>
    withClientToken(deps, 'CancelMailboxExportJob', input, async () => {
      await requireOrganization(deps, input.OrganizationId);
      const cancelled = await cancelExportJob(
        { jobs: deps.exportJobs.jobs, clock: deps.clock },
        input.OrganizationId,
        input.JobId,
      );
      if (cancelled.ok) return {};
      if (cancelled.refusal.type === 'notFound')
        throw new EntityNotFoundException('The mailbox export job was not found.');
      throw new InvalidParameterException('The mailbox export job is no longer running.');
    }),
});

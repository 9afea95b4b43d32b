import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';

/**
 * Messages one call changes at most, so that it answers within API Gateway's 29 seconds; `Complete: false` says
 * to call again (each call continues where the last stopped: what was done is no longer found).
 */
export const ON_DEMAND_MAX_MESSAGES = 1000;
/**
 * Messages a dry run counts at most (index queries only, about 100 of them). A dry run changes nothing, so calling it
 * again counts the same: with `Complete: false` its counts are lower bounds.
 */
export const DRY_RUN_MAX_MESSAGES = 10_000;

/**
 * MailwrightService.StartRetentionSweep: applies the organization's retention policy now, as the scheduled sweep
 * does, and reports what it changed per folder and action; with `DryRun`, only counts.
 */
export const startRetentionSweep = defineOperation({
  name: 'StartRetentionSweep',
  service: 'MailwrightService',
  summary:
    "Applies the organization's retention policy now (at most 1,000 messages per call; Complete says whether " +
    'it finished), or with DryRun counts the messages it would change (at most 10,000).',
  input: Type.Object({ OrganizationId, DryRun: Type.Optional(Type.Boolean()) }),
  output: Type.Object({
    Counts: Type.Array(
      Type.Object({ Folder: Type.String(), Action: Type.String(), Messages: Type.Integer({ minimum: 0 }) }),
    ),
    Complete: Type.Boolean(),
  }),
  errors: ['OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/retention-sweeps' },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const dryRun = input.DryRun ?? false;
    const result = await deps.retentionSweeper(input.OrganizationId, {
      dryRun,
      maxMessages: dryRun ? DRY_RUN_MAX_MESSAGES : ON_DEMAND_MAX_MESSAGES,
    });
    return {
      Counts: result.counts.map((count) => ({
        Folder: count.folder,
        Action: count.action,
        Messages: count.messages,
      })),
      Complete: result.complete,
    };
  },
});

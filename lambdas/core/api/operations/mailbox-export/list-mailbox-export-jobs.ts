import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { EXPORT_LISTING_MS } from '../../../export/types';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { MaxResults, NextToken, OrganizationId } from '../../shapes';
import { listBinding } from '../entities/entity-context';
import { MailboxExportJob, toJobSummary } from './shapes';

/** ListMailboxExportJobs: the organization's jobs started in the last 7 days, newest first (a key-range query). */
export const listMailboxExportJobs = defineOperation({
  name: 'ListMailboxExportJobs',
  service: 'WorkMailService',
  summary: 'Lists the mailbox export jobs of the last 7 days, newest first.',
  input: Type.Object({
    OrganizationId,
    NextToken: Type.Optional(NextToken),
    MaxResults: Type.Optional(MaxResults),
  }),
  output: Type.Object({
    Jobs: Type.Optional(Type.Array(MailboxExportJob)),
    NextToken: Type.Optional(NextToken),
  }),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/mailbox-export-jobs' },
  mutating: false,
  handle: async (input, { deps }) => {
    const organizationId = input.OrganizationId;
    await requireOrganization(deps, organizationId);
    const since = deps.clock().getTime() - EXPORT_LISTING_MS;
    const binding = listBinding('ListMailboxExportJobs', organizationId, {});
    const page = await listPage(deps.pageTokens, binding, input, async (request) => {
      const jobs = await deps.exportJobs.jobs.listSince(organizationId, since, request);
      return { items: [...jobs.items], ...(jobs.cursor ? { cursor: jobs.cursor } : {}) };
    });
    return { Jobs: page.items.map(toJobSummary), ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
  },
});

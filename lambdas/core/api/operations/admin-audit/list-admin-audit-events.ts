import { Type } from '@sinclair/typebox';
import { InvalidParameterException } from '../../errors';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { MaxResults, NextToken, OrganizationId, Timestamp, toTimestamp } from '../../shapes';

const DAY_MS = 86_400_000;

/**
 * MailwrightService.ListAdminAuditEvents: the admin calls that changed (or tried to change) something, newest first —
 * who (access key), what (action and the identifiers it named), when, from where, and the outcome. Without
 * `OrganizationId`, the account-level calls (organizations, admin keys), for unscoped keys only. A deleted
 * organization's events stay readable for their 90 days.
 */
export const listAdminAuditEvents = defineOperation({
  name: 'ListAdminAuditEvents',
  service: 'MailwrightService',
  summary: 'Lists recorded admin API calls that change something (90 days), newest first.',
  input: Type.Object({
    OrganizationId: Type.Optional(OrganizationId),
    StartTime: Type.Optional(Timestamp),
    EndTime: Type.Optional(Timestamp),
    NextToken: Type.Optional(NextToken),
    MaxResults: Type.Optional(MaxResults),
  }),
  output: Type.Object({
    Events: Type.Array(
      Type.Object({
        EventTime: Timestamp,
        RequestId: Type.String(),
        AccessKeyId: Type.String(),
        Action: Type.String(),
        OrganizationId: Type.Optional(OrganizationId),
        Resources: Type.Record(Type.String(), Type.String()),
        SourceIp: Type.Optional(Type.String()),
        Outcome: Type.String(),
      }),
    ),
    NextToken: Type.Optional(NextToken),
  }),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException'],
  route: { method: 'GET', path: '/admin-audit-events' },
  mutating: false,
  handle: async (input, { deps, principal }) => {
    if (input.OrganizationId === undefined && principal.organizations !== '*')
      throw new InvalidParameterException('A key scoped to organizations must name one (OrganizationId).');
    const to = input.EndTime === undefined ? deps.clock().getTime() : input.EndTime * 1000;
    const from = input.StartTime === undefined ? to - 90 * DAY_MS : input.StartTime * 1000;
    // Bound to the range as asked: a default end (now) moves between pages, which the cursor's position absorbs.
    const binding = `ListAdminAuditEvents|${input.OrganizationId ?? ''}|${input.StartTime ?? ''}|${input.EndTime ?? ''}`;
    const page = await listPage(deps.pageTokens, binding, input, (request) =>
      deps.adminAudit.list(input.OrganizationId, { from, to }, request),
    );
    return {
      Events: page.items.map((event) => ({
        EventTime: toTimestamp(event.time),
        RequestId: event.requestId,
        AccessKeyId: event.accessKeyId,
        Action: event.action,
        ...(event.organizationId ? { OrganizationId: event.organizationId } : {}),
        Resources: { ...event.resources },
        ...(event.sourceIp ? { SourceIp: event.sourceIp } : {}),
        Outcome: event.outcome,
      })),
      ...(page.NextToken ? { NextToken: page.NextToken } : {}),
    };
  },
});

import type { Operation } from '../../lambdas/core/api/operation';
import {
  deleteAuditLogDelivery,
  describeAuditLogDelivery,
  listAuditLogDeliveries,
  putAuditLogDelivery,
} from '../../lambdas/core/api/operations/audit-logs';
import { createOrganization } from '../../lambdas/core/api/operations/organizations';
import { createTestApiDeps, type TestApiDeps } from '../support/api-deps';

const op = (operation: unknown) => operation as Operation;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: Error) => `${error.name}: ${error.message}`,
  );

describe('Operation: Put/Describe/Delete/ListAuditLogDeliveries (DynamoDB Local)', () => {
  let api: TestApiDeps;
  let first: string;
  let second: string;
  const logGroup = (name: string) =>
    `arn:aws:logs:${api.deps.settings.region}:${api.deps.settings.accountId}:log-group:${name}`;
  const put = (
    OrganizationId: string,
    LogType: string,
    DestinationArn: string,
    principal?: Parameters<TestApiDeps['call']>[2],
  ) => api.call(op(putAuditLogDelivery), { OrganizationId, LogType, DestinationArn }, principal);
  const list = (OrganizationId: string) =>
    api.call<{ AuditLogDeliveries: unknown[] }>(op(listAuditLogDeliveries), { OrganizationId });

  beforeEach(async () => {
    api = await createTestApiDeps();
    const suffix = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    first = (await api.call<{ OrganizationId: string }>(op(createOrganization), { Alias: `ala${suffix}` }))
      .OrganizationId;
    second = (await api.call<{ OrganizationId: string }>(op(createOrganization), { Alias: `alb${suffix}` }))
      .OrganizationId;
  });

  it('stores one destination per log type, replaces it on the next put, and lists them in type order', async () => {
    await put(first, 'AUTHENTICATION_LOGS', logGroup('auth'));
    await put(first, 'WORKMAIL_MAILBOX_ACCESS_LOGS', 'arn:aws:s3:::audit-archive');
    await put(first, 'AUTHENTICATION_LOGS', logGroup('auth-2'));

    expect(await list(first)).toEqual({
      AuditLogDeliveries: [
        {
          LogType: 'WORKMAIL_MAILBOX_ACCESS_LOGS',
          DestinationArn: 'arn:aws:s3:::audit-archive',
          DestinationType: 'S3',
        },
        {
          LogType: 'AUTHENTICATION_LOGS',
          DestinationArn: `${logGroup('auth-2')}:*`,
          DestinationType: 'CloudWatchLogs',
        },
      ],
    });
    expect(await api.deps.auditLogDeliveries.get(first, 'WORKMAIL_MAILBOX_ACCESS_LOGS')).toMatchObject({
      destination: {
        keyPrefix: `AWSLogs/${api.deps.settings.accountId}/WorkMail/WORKMAIL_MAILBOX_ACCESS_LOGS/`,
      },
    });
  });

  it('deletes one type, idempotently, and describes it as not found afterwards', async () => {
    await put(first, 'ACCESS_CONTROL_LOGS', logGroup('acl'));

    await api.call(op(deleteAuditLogDelivery), { OrganizationId: first, LogType: 'ACCESS_CONTROL_LOGS' });
    await api.call(op(deleteAuditLogDelivery), { OrganizationId: first, LogType: 'ACCESS_CONTROL_LOGS' });

    expect(
      await failure(
        api.call(op(describeAuditLogDelivery), { OrganizationId: first, LogType: 'ACCESS_CONTROL_LOGS' }),
      ),
    ).toBe('ResourceNotFoundException: ACCESS_CONTROL_LOGS is not delivered anywhere.');
    expect(await list(first)).toEqual({ AuditLogDeliveries: [] });
  });

  it("keeps organizations apart: another organization's deliveries are not seen, nor reachable by its key", async () => {
    await put(first, 'AUTHENTICATION_LOGS', logGroup('auth'));
    const keyOfSecond = { accessKeyId: 'AKIDSECOND', organizations: [second] };

    expect(await list(second)).toEqual({ AuditLogDeliveries: [] });
    expect(await failure(put(first, 'AUTHENTICATION_LOGS', 'arn:aws:s3:::elsewhere', keyOfSecond))).toMatch(
      /^OrganizationNotFoundException/,
    );
    expect(
      await failure(
        api.call(
          op(describeAuditLogDelivery),
          { OrganizationId: first, LogType: 'AUTHENTICATION_LOGS' },
          keyOfSecond,
        ),
      ),
    ).toMatch(/^OrganizationNotFoundException/);
  });

  it('refuses destinations of another Region or account, other services, and unknown log types', async () => {
    const refusals = await Promise.all([
      failure(put(first, 'AUTHENTICATION_LOGS', 'arn:aws:logs:ap-south-1:111122223333:log-group:x')),
      failure(put(first, 'AUTHENTICATION_LOGS', 'arn:aws:firehose:us-east-1:999999999999:deliverystream/x')),
      failure(put(first, 'AUTHENTICATION_LOGS', 'arn:aws:sqs:us-east-1:111122223333:q')),
      failure(put(first, 'EMAIL_EVENT_LOGS', logGroup('x'))),
    ]);

    expect(refusals.map((refusal) => refusal.split(':')[0])).toEqual([
      'InvalidParameterException',
      'InvalidParameterException',
      'InvalidParameterException',
      'InvalidParameterException',
    ]);
  });
});

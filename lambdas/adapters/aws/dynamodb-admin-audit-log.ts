import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AdminAuditLog } from '../../core/admin-audit/ports';
import { ADMIN_AUDIT_RETENTION_DAYS, type AdminAuditEvent } from '../../core/admin-audit/types';

const partition = (organizationId: string | undefined) => `AUDIT#${organizationId ?? 'ACCOUNT'}`;
const sortKey = (time: number, requestId: string) => `${String(time).padStart(15, '0')}#${requestId}`;

/**
 * AdminAuditLog on the directory table: `AUDIT#<orgId>` (or `AUDIT#ACCOUNT` for calls naming no organization) /
 * `<time, 15 digits>#<requestId>` { event, ttl 90 days }. A time range is one query, newest first.
 * @example
 * const audit = new DynamoDbAdminAuditLog(documents, 'mailwright-directory');
 */
export class DynamoDbAdminAuditLog implements AdminAuditLog {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(event: AdminAuditEvent): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: partition(event.organizationId),
          sk: sortKey(event.time, event.requestId),
          event,
          ttl: Math.ceil(event.time / 1000) + ADMIN_AUDIT_RETENTION_DAYS * 86_400,
        },
      }),
    );
  }

  async list(
    organizationId: string | undefined,
    range: { readonly from: number; readonly to: number },
    request: { readonly limit: number; readonly cursor?: Record<string, unknown> },
  ): Promise<{ items: AdminAuditEvent[]; cursor?: Record<string, unknown> }> {
    const output = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': partition(organizationId),
          ':from': sortKey(range.from, ''),
          ':to': sortKey(range.to, '~'),
        },
        ScanIndexForward: false,
        Limit: request.limit,
        ...(request.cursor ? { ExclusiveStartKey: request.cursor } : {}),
      }),
    );
    const items = (output.Items ?? []).map((item) => item.event as AdminAuditEvent);
    return output.LastEvaluatedKey ? { items, cursor: output.LastEvaluatedKey } : { items };
  }
}

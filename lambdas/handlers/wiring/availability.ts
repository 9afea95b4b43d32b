/**
 * Availability's composition (configurations, provider calls, free/busy), shared by the admin API and JMAP functions
 * (`./api`, `./jmap`) and the local runtime, which differ in their function invoker and in whether an EWS endpoint
 * may be plain http on loopback.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbAvailabilityConfigurationStore } from '../../adapters/aws/dynamodb-availability-configuration-store';
import { HttpsEwsTransport } from '../../adapters/aws/https-ews-transport';
import type { DeploymentSettings } from '../../core/api/deps';
import type { AuditEvents } from '../../core/audit-logs/ports';
import type { AvailabilityLogger } from '../../core/availability/ports';
import { availabilityService, type AvailabilityService } from '../../core/availability/service';
import type { CalendarModel } from '../../core/calendar/calendar-model';
import type { EntityStore, OrganizationStore } from '../../core/directory/ports';
import { organizationArn } from '../../core/directory/organization-arn';
import type { FunctionInvoker } from '../../core/flow-lambda/ports';

/** What {@link availabilityWiring} is built from. */
export interface AvailabilityPieces {
  readonly documents: DynamoDBDocumentClient;
  readonly directoryTable: string;
  /** The delivery ledger's deployment key: EWS passwords are sealed under a subkey of their own purpose. */
  readonly sealKey: Uint8Array | (() => Promise<Uint8Array>);
  readonly settings: DeploymentSettings;
  readonly organizations: Pick<OrganizationStore, 'getMailDomain'>;
  readonly entities: Pick<EntityStore, 'findByEmail'>;
  readonly calendars: Pick<CalendarModel, 'busyPeriods' | 'getObjects'>;
  /** The same invoker flow rules use: a CAP function must be bound to the requester's organization. */
  readonly invoker: FunctionInvoker;
  readonly logger: AvailabilityLogger;
  /** Local runtime and tests only: EWS endpoints may be `http://` on loopback. */
  readonly allowLoopbackHttp: boolean;
  /** @default - 25 s (availability.md §3.4) */
  readonly deadlineMs?: number;
  /** Where provider calls are reported (availability provider audit log). @default - not reported */
  readonly audit?: AuditEvents;
}

/**
 * Builds the availability service.
 * @example
 * const availability = availabilityWiring({ documents, directoryTable, sealKey, settings, … });
 */
export function availabilityWiring(pieces: AvailabilityPieces): AvailabilityService {
  return availabilityService({
    configurations: new DynamoDbAvailabilityConfigurationStore(
      pieces.documents,
      pieces.directoryTable,
      pieces.sealKey,
    ),
    organizations: pieces.organizations,
    entities: pieces.entities,
    calendars: pieces.calendars,
    invoker: pieces.invoker,
    ews: new HttpsEwsTransport({ allowLoopbackHttp: pieces.allowLoopbackHttp }),
    logger: pieces.logger,
    organizationArn: (organizationId) => organizationArn(pieces.settings, organizationId),
    ...(pieces.deadlineMs === undefined ? {} : { deadlineMs: pieces.deadlineMs }),
    ...(pieces.audit ? { audit: pieces.audit } : {}),
    now: Date.now,
    requestId: randomUUID,
  });
}

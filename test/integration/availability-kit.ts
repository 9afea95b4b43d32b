import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDbAvailabilityConfigurationStore } from '../../lambdas/adapters/aws/dynamodb-availability-configuration-store';
import { HttpsEwsTransport } from '../../lambdas/adapters/aws/https-ews-transport';
import {
  ModuleFunctionInvoker,
  parseFunctionTargets,
} from '../../lambdas/adapters/local/module-function-invoker';
import type { ApiDeps } from '../../lambdas/core/api/deps';
import { availabilityService } from '../../lambdas/core/availability/service';
import type { CalendarModel } from '../../lambdas/core/calendar/calendar-model';
import { entityKit, type EntityKit } from './entity-kit';

const here = dirname(fileURLToPath(import.meta.url));

/** An entity kit whose ApiDeps have the availability service on the same tables. */
export interface AvailabilityKit extends EntityKit {
  /** The provider audit lines logged so far. */
  readonly lines: Array<{ level: string; message: string; details: Record<string, unknown> }>;
  readonly store: DynamoDbAvailabilityConfigurationStore;
}

/**
 * The availability service wired like the local runtime: the DynamoDB store (EWS passwords sealed), the module
 * function invoker over `functions` (ARN → module path relative to this folder or loopback URL, served to the kit's
 * organization), the HTTPS EWS transport allowing loopback http, and a `deadlineMs` short enough for tests.
 */
export async function availabilityKit(options: {
  readonly functions?: (orgId: string) => Record<string, string>;
  readonly deadlineMs?: number;
  readonly calendars?: Pick<CalendarModel, 'busyPeriods' | 'getObjects'>;
}): Promise<AvailabilityKit> {
  const kit = await entityKit();
  const lines: AvailabilityKit['lines'] = [];
  const functions = options.functions?.(kit.orgId) ?? {};
  const targets = parseFunctionTargets(
    {
      functions: Object.fromEntries(
        Object.entries(functions).map(([arn, target]) => [arn, { target, organizations: [kit.orgId] }]),
      ),
    },
    here,
  );
  const store = new DynamoDbAvailabilityConfigurationStore(
    kit.tables.documents,
    kit.tables.directoryTable,
    Buffer.alloc(32, 7),
  );
  Object.assign(kit.deps as ApiDeps, {
    availability: availabilityService({
      configurations: store,
      organizations: kit.deps.organizations,
      entities: kit.deps.entities,
      calendars: options.calendars ?? {
        busyPeriods: async () => [],
        getObjects: async () => ({ ok: true, value: [] }),
      },
      invoker: new ModuleFunctionInvoker(targets),
      ews: new HttpsEwsTransport({ allowLoopbackHttp: true }),
      logger: {
        info: (message, details) => lines.push({ level: 'info', message, details }),
        warn: (message, details) => lines.push({ level: 'warn', message, details }),
      },
      organizationArn: (id) => `arn:aws:workmail:eu-west-1:111122223333:organization/${id}`,
      deadlineMs: options.deadlineMs ?? 2_000,
      now: Date.now,
      requestId: () => 'test-request',
    }),
  });
  return { ...kit, lines, store };
}

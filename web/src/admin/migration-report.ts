import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Errors } from '@sinclair/typebox/errors';

/**
 * The JSON reports `npm start -- migrate` writes (lambdas/local/migration-steps.ts), as schemas: what the console
 * reads from a file the admin picks. They mirror core/migration's `MigrationPlan`, `DirectoryOutcome` (with the
 * step's `throttledCalls` and `notMoved`) and `MailboxMoveResult[]`; test/unit/migration checks that reports built
 * by those functions pass.
 */

const NotMoved = Type.Object({ what: Type.String(), why: Type.String(), how: Type.String() });

/** `migration-plan.json`. */
export const PlanReport = Type.Object({
  organization: Type.Object({ id: Type.String(), alias: Type.String() }),
  moves: Type.Record(Type.String(), Type.Number()),
  domains: Type.Array(
    Type.Object({ name: Type.String(), isDefault: Type.Boolean(), isTest: Type.Boolean() }),
  ),
  mailboxes: Type.Array(Type.Object({ address: Type.String(), megabytes: Type.Number() })),
  notMoved: Type.Array(NotMoved),
  estimate: Type.Object({
    megabytes: Type.Number(),
    directoryCalls: Type.Number(),
    seconds: Type.Number(),
    assumptions: Type.Object({ megabytesPerSecond: Type.Number(), callsPerSecond: Type.Number() }),
  }),
});

/** `migration-directory.json`. */
export const DirectoryReport = Type.Object({
  targetOrganizationId: Type.String(),
  changes: Type.Number(),
  adopted: Type.Array(Type.String()),
  problems: Type.Array(Type.Object({ what: Type.String(), error: Type.String() })),
  mailboxes: Type.Array(Type.Object({ address: Type.String() })),
  passwords: Type.Union([Type.Literal('csv'), Type.Literal('none')]),
  throttledCalls: Type.Number(),
  notMoved: Type.Array(NotMoved),
});

/** `migration-mailboxes.json`. */
export const MailboxesReport = Type.Array(
  Type.Object({
    address: Type.String(),
    outcome: Type.Union([Type.Literal('moved'), Type.Literal('unchanged'), Type.Literal('failed')]),
    exportedMessages: Type.Number(),
    importedMessages: Type.Number(),
    bytes: Type.Number(),
    error: Type.Optional(Type.String()),
  }),
);

/** A report read from a file, by kind. */
export type MigrationReport =
  | { readonly kind: 'plan'; readonly report: Static<typeof PlanReport> }
  | { readonly kind: 'directory'; readonly report: Static<typeof DirectoryReport> }
  | { readonly kind: 'mailboxes'; readonly report: Static<typeof MailboxesReport> };

/** A report, or why the text is not one (a sentence for the admin; never the file's content). */
export type ReportReading =
  { readonly ok: true; readonly value: MigrationReport } | { readonly ok: false; readonly problem: string };

const NOT_A_REPORT =
  'This is not a Mailwright migration report: open migration-plan.json, migration-directory.json or ' +
  'migration-mailboxes.json as the migrate command wrote it.';

/**
 * Reads a migration report from a file's text: recognises the kind by its shape, then checks every field, so a
 * wrong or damaged file is a clear refusal instead of a broken page.
 * @example
 * const reading = readMigrationReport(await file.text());
 * if (!reading.ok) show(reading.problem);
 */
export function readMigrationReport(text: string): ReportReading {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: `${NOT_A_REPORT} (The file is not JSON.)` };
  }
  if (Array.isArray(json)) return checked('mailboxes', MailboxesReport, json);
  if (typeof json !== 'object' || json === null) return { ok: false, problem: NOT_A_REPORT };
  if ('estimate' in json) return checked('plan', PlanReport, json);
  if ('targetOrganizationId' in json) return checked('directory', DirectoryReport, json);
  return { ok: false, problem: NOT_A_REPORT };
}

function checked(kind: MigrationReport['kind'], schema: TSchema, json: unknown): ReportReading {
  const error = Errors(schema, json).First();
  if (error)
    return {
      ok: false,
      problem: `This ${kind} report is damaged: ${error.path || 'the top level'}: ${error.message.toLowerCase()}.`,
    };
  return { ok: true, value: { kind, report: json } as MigrationReport };
}

import { Type } from '@sinclair/typebox';
import type { MailboxAvailability } from '../../../availability/types';
import { EntityStateException } from '../../errors';
import { defineOperation } from '../../operation';
import { EntityIdentifier, OrganizationId, Timestamp, toTimestamp } from '../../shapes';
import { entityIn } from '../entities/entity-context';
import { refusalError } from './shapes';

const Transition = Type.Object({
  Offset: Type.Integer(),
  Time: Type.String(),
  Month: Type.String(),
  Week: Type.String(),
  DayOfWeek: Type.String(),
});

const MailboxAnswer = Type.Object({
  Mailbox: Type.String(),
  BusyPeriods: Type.Optional(
    Type.Array(
      Type.Object({
        StartTime: Timestamp,
        EndTime: Timestamp,
        BusyType: Type.String(),
        Details: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Boolean()]))),
      }),
    ),
  ),
  WorkingHours: Type.Optional(
    Type.Object({
      TimeZone: Type.Object({
        Name: Type.String(),
        Bias: Type.Integer(),
        StandardTime: Type.Optional(Transition),
        DaylightTime: Type.Optional(Transition),
      }),
      WorkingPeriods: Type.Array(
        Type.Object({
          StartMinutes: Type.Integer(),
          EndMinutes: Type.Integer(),
          Days: Type.Array(Type.String()),
        }),
      ),
    }),
  ),
  /** An EWS response code (availability.md §3.3), when this mailbox's availability could not be found. */
  Error: Type.Optional(Type.String()),
});

/**
 * MailwrightService.GetAvailability: free/busy of mailboxes as one user of the organization sees it — internal
 * mailboxes from their calendars, external domains through their configured providers (docs/availability.md).
 */
export const getAvailability = defineOperation({
  name: 'GetAvailability',
  service: 'MailwrightService',
  summary:
    'Free/busy and working hours of up to 100 addresses over at most 42 days, as a user of the organization.',
  input: Type.Object({
    OrganizationId,
    /** The requesting user (id, name or e-mail): what providers see as the requester. */
    UserId: EntityIdentifier,
    Mailboxes: Type.Array(Type.String({ minLength: 3, maxLength: 320 }), { minItems: 1, maxItems: 1_000 }),
    StartTime: Timestamp,
    EndTime: Timestamp,
    /** Details of the requesting user's own events (read from them); other users' events never show any. */
    ShowDetails: Type.Optional(Type.Boolean()),
  }),
  output: Type.Object({ Mailboxes: Type.Array(MailboxAnswer) }),
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/availability' },
  mutating: false,
  handle: async (input, ctx) => {
    const user = await entityIn(ctx, input.OrganizationId, input.UserId, {
      forms: 'id|name|email',
      kinds: ['USER'],
      field: 'UserId',
    });
    if (user.state !== 'ENABLED' || !user.email)
      throw new EntityStateException('The requesting user must be enabled.');
    const result = await ctx.deps.availability.getAvailability(
      {
        organizationId: input.OrganizationId,
        userId: user.entityId,
        email: user.email,
        userName: user.name,
        ...(ctx.sourceIp ? { origin: ctx.sourceIp } : {}),
      },
      input.Mailboxes,
      { start: Math.round(input.StartTime * 1000), end: Math.round(input.EndTime * 1000) },
      { ownDetails: input.ShowDetails === true },
    );
    if (!result.ok) throw refusalError(result.refusal);
    return { Mailboxes: result.value.map(toWire) };
  },
});

function toWire(answer: MailboxAvailability) {
  if (!answer.ok) return { Mailbox: answer.mailbox, Error: answer.error };
  const { timezone, workingPeriods } = answer.workingHours;
  const transition = (time: typeof timezone.standardTime) =>
    time && {
      Offset: time.offset,
      Time: time.time,
      Month: time.month,
      Week: time.week,
      DayOfWeek: time.dayOfWeek,
    };
  return {
    Mailbox: answer.mailbox,
    BusyPeriods: answer.busy.map((period) => ({
      StartTime: toTimestamp(period.start),
      EndTime: toTimestamp(period.end),
      BusyType: period.busyType,
      ...(period.details ? { Details: { ...period.details } } : {}),
    })),
    WorkingHours: {
      TimeZone: {
        Name: timezone.name,
        Bias: timezone.bias,
        ...(timezone.standardTime
          ? {
              StandardTime: transition(timezone.standardTime),
              DaylightTime: transition(timezone.daylightTime),
            }
          : {}),
      },
      WorkingPeriods: workingPeriods.map((period) => ({
        StartMinutes: period.startMinutes,
        EndMinutes: period.endMinutes,
        Days: [...period.days],
      })),
    },
  };
}

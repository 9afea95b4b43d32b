import type { Operation } from '../../lambdas/core/api/operation';
import {
  createAvailabilityConfiguration,
  getAvailability,
} from '../../lambdas/core/api/operations/availability';
import { calendarTestModel, type CalendarTestModel } from '../support/calendar-model';
import { calendar, simpleEvent, vevent } from '../support/calendar-objects';
import { availabilityKit, type AvailabilityKit } from './availability-kit';
import { loopback } from './availability-fixtures/loopback-cap';
import { ewsServer } from './availability-fixtures/soap-server';

const op = (operation: unknown) => operation as Operation;
const arn = (name: string) => `arn:aws:lambda:us-east-1:111122223333:function:${name}`;
const START = Date.parse('2021-05-04T00:00:00.000Z') / 1000;
const END = Date.parse('2021-05-06T00:00:00.000Z') / 1000;

type Answer = {
  Mailbox: string;
  Error?: string;
  BusyPeriods?: Record<string, unknown>[];
  WorkingHours?: unknown;
};

describe('Operation: GetAvailability through CAP and EWS providers', () => {
  let kit: AvailabilityKit;
  let calendars: CalendarTestModel;
  let requester: string;
  const servers: Array<{ close: () => Promise<void> }> = [];

  const configure = (domain: string, provider: Record<string, unknown>) =>
    kit.call(op(createAvailabilityConfiguration), {
      OrganizationId: kit.orgId,
      DomainName: domain,
      ...provider,
    });
  const ask = async (mailboxes: string[], window = { StartTime: START, EndTime: END }) =>
    (
      await kit.call<{ Mailboxes: Answer[] }>(op(getAvailability), {
        OrganizationId: kit.orgId,
        UserId: requester,
        Mailboxes: mailboxes,
        ...window,
      })
    ).Mailboxes;

  beforeAll(async () => {
    const malformed = await loopback((respond) => respond('{"mailboxes": [ {"mailbox": '));
    const silent = await loopback(() => undefined);
    servers.push(malformed, silent);
    calendars = await calendarTestModel();
    kit = await availabilityKit({
      calendars: calendars.model,
      functions: () => ({
        [arn('cap-static')]: './availability-fixtures/cap-static.mjs',
        [arn('cap-malformed')]: malformed.url,
        [arn('cap-silent')]: silent.url,
      }),
      deadlineMs: 300,
    });
    requester = await kit.enabledUser('ana');
  });

  afterAll(async () => {
    await calendars.close();
    await Promise.all(servers.map((server) => server.close()));
  });

  it('answers per mailbox from a CAP that returns events, errors and leaves one mailbox out', async () => {
    await configure('cap.example', { LambdaProvider: { LambdaArn: arn('cap-static') } });
    const answers = await ask([
      'busy@cap.example',
      'unknown@cap.example',
      'missing@cap.example',
      'broken@cap.example',
    ]);

    expect(answers).toEqual([
      {
        Mailbox: 'busy@cap.example',
        BusyPeriods: [
          {
            StartTime: Date.parse('2021-05-03T23:00:00Z') / 1000,
            EndTime: Date.parse('2021-05-04T03:00:00Z') / 1000,
            BusyType: 'BUSY',
          },
        ],
        WorkingHours: {
          TimeZone: { Name: 'UTC', Bias: 0 },
          WorkingPeriods: [
            { StartMinutes: 540, EndMinutes: 1020, Days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] },
          ],
        },
      },
      { Mailbox: 'unknown@cap.example', Error: 'ERROR_MAIL_RECIPIENT_NOT_FOUND' },
      { Mailbox: 'missing@cap.example', Error: 'ERROR_FREE_BUSY_GENERATION_FAILED' },
      { Mailbox: 'broken@cap.example', Error: 'ERROR_RESPONSE_SCHEMA_VALIDATION' },
    ]);
    const line = kit.lines.at(-1)!;
    expect(line.details).toMatchObject({
      type: 'LAMBDA',
      domain: 'cap.example',
      function_arn: arn('cap-static'),
      user_id: requester,
      organization_arn: expect.stringContaining(kit.orgId),
    });
  });

  it('fails only the mailboxes of a CAP that times out or answers malformed JSON; the others still answer', async () => {
    await configure('silent.example', { LambdaProvider: { LambdaArn: arn('cap-silent') } });
    await configure('malformed.example', { LambdaProvider: { LambdaArn: arn('cap-malformed') } });
    await configure('fine.example', { LambdaProvider: { LambdaArn: arn('cap-static') } });
    const started = Date.now();

    const answers = await ask([
      'a@silent.example',
      'b@silent.example',
      'c@malformed.example',
      'd@fine.example',
    ]);

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(answers.map((answer) => [answer.Mailbox, answer.Error ?? 'ok'])).toEqual([
      ['a@silent.example', 'ERROR_TIMEOUT_EXPIRED'],
      ['b@silent.example', 'ERROR_TIMEOUT_EXPIRED'],
      ['c@malformed.example', 'ERROR_RESPONSE_SCHEMA_VALIDATION'],
      ['d@fine.example', 'ok'],
    ]);
  });

  it('sends the CAP request once per domain, in the documented shape', async () => {
    await configure('shape.example', { LambdaProvider: { LambdaArn: arn('cap-static') } });
    const before = kit.lines.length;
    await ask(['x@shape.example', 'y@shape.example']);
    expect(kit.lines.slice(before).filter((line) => line.details.domain === 'shape.example')).toHaveLength(1);
  });

  it('asks an EWS provider with GetUserAvailability and reads its SOAP answer', async () => {
    const server = await ewsServer({
      username: 'PARTNER\\svc',
      password: 'right',
      calendar: {
        'carl@ews.example': {
          events: [
            { start: '2021-05-04T09:00:00', end: '2021-05-04T10:30:00', busyType: 'Busy', subject: 'Sync' },
          ],
        },
      },
    });
    servers.push(server);
    await configure('ews.example', {
      EwsProvider: { EwsEndpoint: server.url, EwsUsername: 'PARTNER\\svc', EwsPassword: 'right' },
    });

    const answers = await ask(['carl@ews.example', 'nobody@ews.example']);

    expect(server.requests).toHaveLength(1);
    expect(answers[0]).toMatchObject({
      Mailbox: 'carl@ews.example',
      BusyPeriods: [
        {
          StartTime: Date.parse('2021-05-04T09:00:00Z') / 1000,
          EndTime: Date.parse('2021-05-04T10:30:00Z') / 1000,
          BusyType: 'BUSY',
          Details: expect.objectContaining({ subject: 'Sync' }),
        },
      ],
      WorkingHours: { TimeZone: { Bias: 60, DaylightTime: { Offset: 60, Month: 'MAR', Week: 'LAST' } } },
    });
    expect(answers[1]).toEqual({ Mailbox: 'nobody@ews.example', Error: 'ERROR_MAIL_RECIPIENT_NOT_FOUND' });
    expect(JSON.stringify(kit.lines)).not.toContain('right');
  });

  it('answers config-not-found for domains without configuration, and refuses windows over 42 days', async () => {
    expect(await ask(['someone@nowhere.example'])).toEqual([
      { Mailbox: 'someone@nowhere.example', Error: 'ERROR_AVAILABILITY_CONFIG_NOT_FOUND' },
    ]);
    await expect(
      ask(['a@cap.example'], { StartTime: START, EndTime: START + 43 * 86_400 }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(ask(['a@cap.example'], { StartTime: END, EndTime: START })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('answers users and rooms of the organization from their calendars: recurrences expanded, events unclipped', async () => {
    const bob = await kit.enabledUser('bob');
    const room = await kit.enabledResource('room1');
    for (const id of [bob, room]) await calendars.mailboxes.provision(kit.orgId, id);
    await calendars.model.putObject(
      { organizationId: kit.orgId, mailboxId: bob },
      'calendar',
      'daily.ics',
      calendar(...vevent('daily', ':20210503T230000Z', ':20210504T010000Z', 'RRULE:FREQ=DAILY;COUNT=3')),
    );
    await calendars.model.putObject(
      { organizationId: kit.orgId, mailboxId: room },
      'calendar',
      'maybe.ics',
      simpleEvent('maybe', '20210505T090000Z', '20210505T100000Z', 'STATUS:TENTATIVE'),
    );

    const answers = await ask([`bob@${kit.domain}`, `room1@${kit.domain}`, `nobody@${kit.domain}`]);

    const seconds = (iso: string) => Date.parse(iso) / 1000;
    expect(answers[0]).toEqual({
      Mailbox: `bob@${kit.domain}`,
      BusyPeriods: [
        {
          StartTime: seconds('2021-05-03T23:00:00Z'),
          EndTime: seconds('2021-05-04T01:00:00Z'),
          BusyType: 'BUSY',
        },
        {
          StartTime: seconds('2021-05-04T23:00:00Z'),
          EndTime: seconds('2021-05-05T01:00:00Z'),
          BusyType: 'BUSY',
        },
        {
          StartTime: seconds('2021-05-05T23:00:00Z'),
          EndTime: seconds('2021-05-06T01:00:00Z'),
          BusyType: 'BUSY',
        },
      ],
      WorkingHours: {
        TimeZone: { Name: 'UTC', Bias: 0 },
        WorkingPeriods: [{ StartMinutes: 480, EndMinutes: 1020, Days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] }],
      },
    });
    expect(answers[1].BusyPeriods).toEqual([
      {
        StartTime: seconds('2021-05-05T09:00:00Z'),
        EndTime: seconds('2021-05-05T10:00:00Z'),
        BusyType: 'TENTATIVE',
      },
    ]);
    expect(answers[2]).toEqual({ Mailbox: `nobody@${kit.domain}`, Error: 'ERROR_MAIL_RECIPIENT_NOT_FOUND' });
  });

  it("shows the requester's own event details with ShowDetails, and never another user's", async () => {
    await calendars.mailboxes.provision(kit.orgId, requester);
    await calendars.model.putObject(
      { organizationId: kit.orgId, mailboxId: requester },
      'calendar',
      'own.ics',
      simpleEvent(
        'own',
        '20210504T120000Z',
        '20210504T130000Z',
        'SUMMARY:Lunch with Carl',
        'LOCATION:Canteen',
      ),
    );
    const own = await kit.call<{ Mailboxes: Answer[] }>(op(getAvailability), {
      OrganizationId: kit.orgId,
      UserId: requester,
      Mailboxes: [`ana@${kit.domain}`, `bob@${kit.domain}`],
      StartTime: START,
      EndTime: END,
      ShowDetails: true,
    });
    expect(own.Mailboxes[0].BusyPeriods).toEqual([
      expect.objectContaining({
        BusyType: 'BUSY',
        Details: expect.objectContaining({
          subject: 'Lunch with Carl',
          location: 'Canteen',
          isMeeting: false,
        }),
      }),
    ]);
    expect(JSON.stringify(own.Mailboxes[1])).not.toContain('Details');
    expect((await ask([`ana@${kit.domain}`]))[0].BusyPeriods).toEqual([
      expect.not.objectContaining({ Details: expect.anything() }),
    ]);
  });

  it('refuses a requester who is not a user of the organization', async () => {
    const other = await kit.newOrganization();
    await expect(
      kit.call(op(getAvailability), {
        OrganizationId: other,
        UserId: requester,
        Mailboxes: ['busy@cap.example'],
        StartTime: START,
        EndTime: END,
      }),
    ).rejects.toMatchObject({ name: 'EntityNotFoundException' });
  });
});

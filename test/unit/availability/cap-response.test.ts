import { capError, readCapResponse } from '../../../lambdas/core/availability/cap-response';

const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

const westernEurope = {
  name: 'W. Europe Standard Time',
  bias: 60,
  standardTime: { offset: 0, time: '03:00:00', month: 'OCT', week: 'LAST', dayOfWeek: 'SUN' },
  daylightTime: { offset: 60, time: '02:00:00', month: 'MAR', week: 'LAST', dayOfWeek: 'SUN' },
};
const workingHours = {
  timezone: westernEurope,
  workingPeriods: [{ startMinutes: 480, endMinutes: 1040, days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] }],
};
const event = {
  startTime: '2021-05-03T23:00:00.000Z',
  endTime: '2021-05-04T03:00:00.000Z',
  busyType: 'BUSY',
  details: {
    subject: 'Late meeting',
    location: 'Chime',
    instanceType: 'SINGLE_INSTANCE',
    isMeeting: true,
    isReminderSet: true,
    isPrivate: false,
  },
};

describe('readCapResponse', () => {
  it('reads the documented example: events with real (unclipped) times, working hours, and a per-mailbox error', () => {
    const answers = readCapResponse(
      bytes({
        mailboxes: [
          { mailbox: 'user2@external.example.com', events: [event], workingHours },
          { mailbox: 'unknown@internal.example.com', error: 'MailboxNotFound' },
        ],
      }),
      ['user2@external.example.com', 'unknown@internal.example.com'],
    );

    expect(answers).toEqual([
      {
        mailbox: 'user2@external.example.com',
        ok: true,
        busy: [
          {
            start: Date.parse('2021-05-03T23:00:00.000Z'),
            end: Date.parse('2021-05-04T03:00:00.000Z'),
            busyType: 'BUSY',
            details: event.details,
          },
        ],
        workingHours,
      },
      { mailbox: 'unknown@internal.example.com', ok: false, error: 'ERROR_MAIL_RECIPIENT_NOT_FOUND' },
    ]);
  });

  it('maps each documented error string, and any other text to ERROR_FREE_BUSY_GENERATION_FAILED', () => {
    expect(
      [
        'MailboxNotFound',
        'ErrorAvailabilityConfigNotFound',
        'ErrorServerBusy',
        'ErrorTimeoutExpired',
        'ErrorFreeBusyGenerationFailed',
        'ErrorResponseSchemaValidation',
        'Something else',
        'toString',
      ].map(capError),
    ).toEqual([
      'ERROR_MAIL_RECIPIENT_NOT_FOUND',
      'ERROR_AVAILABILITY_CONFIG_NOT_FOUND',
      'ERROR_SERVER_BUSY',
      'ERROR_TIMEOUT_EXPIRED',
      'ERROR_FREE_BUSY_GENERATION_FAILED',
      'ERROR_RESPONSE_SCHEMA_VALIDATION',
      'ERROR_FREE_BUSY_GENERATION_FAILED',
      'ERROR_FREE_BUSY_GENERATION_FAILED',
    ]);
  });

  it('fails every mailbox with a schema error when the output is not JSON or has no mailboxes array', () => {
    for (const payload of ['{"mailboxes": [', 'null', '{"mailboxes": {}}', '[]']) {
      expect(readCapResponse(bytes(payload), ['a@x.example', 'b@x.example'])).toEqual([
        { mailbox: 'a@x.example', ok: false, error: 'ERROR_RESPONSE_SCHEMA_VALIDATION' },
        { mailbox: 'b@x.example', ok: false, error: 'ERROR_RESPONSE_SCHEMA_VALIDATION' },
      ]);
    }
  });

  it('fails a requested mailbox the response leaves out, matches addresses case-insensitively and ignores others', () => {
    const answers = readCapResponse(
      bytes({
        mailboxes: [
          { mailbox: 'A@X.example', events: [], workingHours },
          { mailbox: 'stranger@x.example', error: 'MailboxNotFound' },
        ],
      }),
      ['a@x.example', 'b@x.example'],
    );
    expect(answers.map((answer) => [answer.mailbox, answer.ok ? 'ok' : answer.error])).toEqual([
      ['a@x.example', 'ok'],
      ['b@x.example', 'ERROR_FREE_BUSY_GENERATION_FAILED'],
    ]);
  });

  const violations: Array<[string, Record<string, unknown>]> = [
    ['a busy type outside BUSY/FREE/TENTATIVE', { events: [{ ...event, busyType: 'OOF' }], workingHours }],
    [
      'a start time that is not RFC 3339',
      { events: [{ ...event, startTime: '2021-05-03 23:00' }], workingHours },
    ],
    ['an impossible date', { events: [{ ...event, endTime: '2021-13-40T00:00:00Z' }], workingHours }],
    ['an end before the start', { events: [{ ...event, endTime: '2021-05-03T22:00:00Z' }], workingHours }],
    [
      'details missing a field',
      { events: [{ ...event, details: { ...event.details, isPrivate: undefined } }], workingHours },
    ],
    [
      'a detail of the wrong type',
      { events: [{ ...event, details: { ...event.details, isMeeting: 'yes' } }], workingHours },
    ],
    [
      'an unknown instance type',
      { events: [{ ...event, details: { ...event.details, instanceType: 'ONE' } }], workingHours },
    ],
    ['no working hours', { events: [] }],
    ['a zone without a bias', { events: [], workingHours: { ...workingHours, timezone: { name: 'X' } } }],
    ['a zone without a name', { events: [], workingHours: { ...workingHours, timezone: { bias: 0 } } }],
    [
      'standardTime without daylightTime',
      {
        events: [],
        workingHours: { ...workingHours, timezone: { ...westernEurope, daylightTime: undefined } },
      },
    ],
    [
      'a transition time not hh:mm:ss',
      {
        events: [],
        workingHours: {
          ...workingHours,
          timezone: { ...westernEurope, standardTime: { ...westernEurope.standardTime, time: '3:00' } },
        },
      },
    ],
    [
      'an unknown week',
      {
        events: [],
        workingHours: {
          ...workingHours,
          timezone: { ...westernEurope, daylightTime: { ...westernEurope.daylightTime, week: 'FIFTH' } },
        },
      },
    ],
    [
      'working minutes beyond 1440',
      {
        events: [],
        workingHours: {
          ...workingHours,
          workingPeriods: [{ startMinutes: 0, endMinutes: 1441, days: ['MON'] }],
        },
      },
    ],
    [
      'an unknown day',
      {
        events: [],
        workingHours: {
          ...workingHours,
          workingPeriods: [{ startMinutes: 0, endMinutes: 60, days: ['MONDAY'] }],
        },
      },
    ],
    ['both error and events', { error: 'MailboxNotFound', events: [], workingHours }],
    ['an error that is not a string', { error: 404 }],
  ];

  it.each(violations)('fails only the mailbox whose entry has %s with a schema error', (_, entry) => {
    const answers = readCapResponse(
      bytes({
        mailboxes: [
          { mailbox: 'bad@x.example', ...entry },
          { mailbox: 'good@x.example', events: [], workingHours },
        ],
      }),
      ['bad@x.example', 'good@x.example'],
    );
    expect(answers[0]).toEqual({
      mailbox: 'bad@x.example',
      ok: false,
      error: 'ERROR_RESPONSE_SCHEMA_VALIDATION',
    });
    expect(answers[1].ok).toBe(true);
  });

  it('accepts MAY, a fixed-offset zone without transitions and an event without details', () => {
    const answers = readCapResponse(
      bytes({
        mailboxes: [
          {
            mailbox: 'a@x.example',
            events: [
              {
                startTime: '2021-05-04T09:00:00+02:00',
                endTime: '2021-05-04T10:00:00+02:00',
                busyType: 'TENTATIVE',
              },
            ],
            workingHours: {
              timezone: {
                ...westernEurope,
                daylightTime: { ...westernEurope.daylightTime, month: 'MAY' },
              },
              workingPeriods: [],
            },
          },
          {
            mailbox: 'b@x.example',
            events: [],
            workingHours: { timezone: { name: 'India', bias: 330 }, workingPeriods: [] },
          },
        ],
      }),
      ['a@x.example', 'b@x.example'],
    );
    expect(answers[0]).toMatchObject({
      ok: true,
      busy: [
        {
          start: Date.parse('2021-05-04T07:00:00Z'),
          end: Date.parse('2021-05-04T08:00:00Z'),
          busyType: 'TENTATIVE',
        },
      ],
    });
    expect(answers[1]).toMatchObject({ ok: true, workingHours: { timezone: { name: 'India', bias: 330 } } });
  });
});

import { getAvailability, type FreeBusyDeps } from '../../../lambdas/core/availability/free-busy';
import type { AvailabilityConfiguration } from '../../../lambdas/core/availability/types';
import type { Entity } from '../../../lambdas/core/directory/types';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const requester = { organizationId: ORG, userId: 'u-1', email: 'ana@internal.example', userName: 'ana' };
const DAY = 86_400_000;
const window = { start: Date.parse('2026-03-02T00:00:00Z'), end: Date.parse('2026-03-09T00:00:00Z') };

function entity(entityId: string, email: string, overrides: Partial<Entity> = {}): Entity {
  return {
    organizationId: ORG,
    entityId,
    kind: 'USER',
    name: email.split('@')[0],
    state: 'ENABLED',
    email,
    aliases: [],
    hiddenFromGlobalAddressList: false,
    createdAt: 0,
    ...overrides,
  } as Entity;
}

function harness(configured: Record<string, AvailabilityConfiguration['provider']> = {}) {
  const entities = new Map<string, Entity>([
    ['bob@internal.example', entity('u-2', 'bob@internal.example')],
    ['room@internal.example', entity('r-1', 'room@internal.example', { kind: 'RESOURCE' })],
    ['team@internal.example', entity('g-1', 'team@internal.example', { kind: 'GROUP' })],
    ['gone@internal.example', entity('u-3', 'gone@internal.example', { state: 'DISABLED' })],
  ]);
  const providerCalls: Array<{ domain: string; mailboxes: readonly string[] }> = [];
  const calendarCalls: string[] = [];
  const objectReads: Array<{ mailboxId: string; collectionId: string; names: readonly string[] }> = [];
  const deps: FreeBusyDeps = {
    configurations: {
      get: async (organizationId, domain) =>
        organizationId === ORG && configured[domain]
          ? { organizationId, domainName: domain, provider: configured[domain], createdAt: 0, modifiedAt: 0 }
          : undefined,
    },
    organizations: {
      getMailDomain: async (organizationId, domain) =>
        organizationId === ORG && domain === 'internal.example'
          ? ({ organizationId, domainName: domain } as never)
          : undefined,
    },
    entities: {
      findByEmail: async (organizationId, address) =>
        organizationId === ORG ? entities.get(address) : undefined,
    },
    calendars: {
      busyPeriods: async (owner, asked) => {
        calendarCalls.push(owner.mailboxId);
        return [
          {
            start: asked.start - DAY,
            end: asked.start + 3_600_000,
            busyType: 'OOF',
            collectionId: 'default',
            name: 'e.ics',
            uid: 'e',
            instanceType: 'SINGLE_INSTANCE',
          },
        ];
      },
      getObjects: async (owner, collectionId, names) => {
        objectReads.push({ mailboxId: owner.mailboxId, collectionId, names });
        const content = [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'PRODID:-//t//EN',
          'BEGIN:VEVENT',
          'UID:e',
          'DTSTAMP:20260101T000000Z',
          'DTSTART:20260301T000000Z',
          'DTEND:20260302T010000Z',
          'SUMMARY:Dentist',
          'LOCATION:Main street',
          'CLASS:PRIVATE',
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          'TRIGGER:-PT15M',
          'DESCRIPTION:x',
          'END:VALARM',
          'END:VEVENT',
          'END:VCALENDAR',
          '',
        ].join('\r\n');
        return {
          ok: true,
          value: names.map((name) => ({ name, etag: '"1"', size: content.length, content }) as never),
        };
      },
    },
    callProvider: async (configuration, _requester, mailboxes) => {
      providerCalls.push({ domain: configuration.domainName, mailboxes });
      return mailboxes.map((mailbox) => ({ mailbox, ok: false, error: 'ERROR_SERVER_BUSY' }));
    },
  };
  return { deps, providerCalls, calendarCalls, objectReads };
}

describe('getAvailability', () => {
  it('answers users and resources of the organization from their calendars, unclipped, with default working hours', async () => {
    const { deps, calendarCalls } = harness();
    const result = await getAvailability(
      deps,
      requester,
      ['Bob@internal.example', 'room@internal.example'],
      window,
    );

    expect(calendarCalls).toEqual(['u-2', 'r-1']);
    expect(result).toEqual({
      ok: true,
      value: [
        {
          mailbox: 'Bob@internal.example',
          ok: true,
          busy: [{ start: window.start - DAY, end: window.start + 3_600_000, busyType: 'OOF' }],
          workingHours: {
            timezone: { name: 'UTC', bias: 0 },
            workingPeriods: [
              { startMinutes: 480, endMinutes: 1020, days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] },
            ],
          },
        },
        expect.objectContaining({ mailbox: 'room@internal.example', ok: true }),
      ],
    });
  });

  it("details the requester's own events when asked, reading only the objects the periods name", async () => {
    const { deps, objectReads } = harness();
    const self = { ...requester, userId: 'u-2', email: 'bob@internal.example' };

    const own = await getAvailability(deps, self, ['bob@internal.example'], window, { ownDetails: true });
    const notAsked = await getAvailability(deps, self, ['bob@internal.example'], window);
    const others = await getAvailability(deps, requester, ['bob@internal.example'], window, {
      ownDetails: true,
    });

    expect(own.ok && own.value[0].ok && own.value[0].busy[0].details).toEqual({
      subject: 'Dentist',
      location: 'Main street',
      instanceType: 'SINGLE_INSTANCE',
      isMeeting: false,
      isReminderSet: true,
      isPrivate: true,
    });
    expect(notAsked.ok && notAsked.value[0].ok && notAsked.value[0].busy[0].details).toBeUndefined();
    expect(others.ok && others.value[0].ok && others.value[0].busy[0].details).toBeUndefined();
    expect(objectReads).toEqual([{ mailboxId: 'u-2', collectionId: 'default', names: ['e.ics'] }]);
  });

  it('calls each configured domain once for all its addresses, in request order', async () => {
    const { deps, providerCalls } = harness({
      'a.example': { type: 'LAMBDA', lambdaArn: 'arn:a' },
      'b.example': { type: 'LAMBDA', lambdaArn: 'arn:b' },
    });
    const result = await getAvailability(
      deps,
      requester,
      ['x@a.example', 'y@b.example', 'z@A.example', 'bob@internal.example'],
      window,
    );

    expect(providerCalls).toEqual([
      { domain: 'a.example', mailboxes: ['x@a.example', 'z@A.example'] },
      { domain: 'b.example', mailboxes: ['y@b.example'] },
    ]);
    expect(result.ok && result.value.map((answer) => answer.mailbox)).toEqual([
      'x@a.example',
      'y@b.example',
      'z@A.example',
      'bob@internal.example',
    ]);
  });

  it('answers config-not-found for unconfigured domains and not-found for unknown, disabled or group addresses of its own domains', async () => {
    const { deps, calendarCalls } = harness();
    const result = await getAvailability(
      deps,
      requester,
      [
        'someone@elsewhere.example',
        'nobody@internal.example',
        'gone@internal.example',
        'team@internal.example',
      ],
      window,
    );
    expect(calendarCalls).toEqual([]);
    expect(result.ok && result.value.map((answer) => (answer.ok ? 'ok' : answer.error))).toEqual([
      'ERROR_AVAILABILITY_CONFIG_NOT_FOUND',
      'ERROR_MAIL_RECIPIENT_NOT_FOUND',
      'ERROR_MAIL_RECIPIENT_NOT_FOUND',
      'ERROR_MAIL_RECIPIENT_NOT_FOUND',
    ]);
  });

  it('sends addresses of its own domain that no entity holds to the domain provider when one is configured (interop)', async () => {
    const { deps, providerCalls } = harness({ 'internal.example': { type: 'LAMBDA', lambdaArn: 'arn:x' } });
    await getAvailability(deps, requester, ['onexchange@internal.example', 'bob@internal.example'], window);
    expect(providerCalls).toEqual([
      { domain: 'internal.example', mailboxes: ['onexchange@internal.example'] },
    ]);
  });

  it('asks once per distinct address', async () => {
    const { deps, calendarCalls } = harness();
    const result = await getAvailability(
      deps,
      requester,
      ['bob@internal.example', 'BOB@internal.example'],
      window,
    );
    expect(calendarCalls).toEqual(['u-2']);
    expect(result.ok && result.value).toHaveLength(1);
  });

  it('refuses an empty or reversed window, more than 42 days and more than 100 addresses', async () => {
    const { deps } = harness();
    expect(await getAvailability(deps, requester, ['a@x.example'], { start: 5, end: 5 })).toEqual({
      ok: false,
      refusal: { type: 'windowInvalid' },
    });
    expect(await getAvailability(deps, requester, ['a@x.example'], { start: 0, end: 42 * DAY + 1 })).toEqual({
      ok: false,
      refusal: { type: 'windowTooLong', maxDays: 42 },
    });
    expect((await getAvailability(deps, requester, ['a@x.example'], { start: 0, end: 42 * DAY })).ok).toBe(
      true,
    );
    const many = Array.from({ length: 101 }, (_, index) => `u${index}@x.example`);
    expect(await getAvailability(deps, requester, many, window)).toEqual({
      ok: false,
      refusal: { type: 'tooManyMailboxes', max: 100 },
    });
    expect((await getAvailability(deps, requester, many.slice(1), window)).ok).toBe(true);
  });

  it("never reads another organization's entities or configurations", async () => {
    const { deps, providerCalls, calendarCalls } = harness({
      'a.example': { type: 'LAMBDA', lambdaArn: 'arn:a' },
    });
    const other = { ...requester, organizationId: 'm-ffffffffffffffffffffffffffffffff' };
    const result = await getAvailability(deps, other, ['bob@internal.example', 'x@a.example'], window);
    expect(providerCalls).toEqual([]);
    expect(calendarCalls).toEqual([]);
    expect(result.ok && result.value.map((answer) => (answer.ok ? 'ok' : answer.error))).toEqual([
      'ERROR_AVAILABILITY_CONFIG_NOT_FOUND',
      'ERROR_AVAILABILITY_CONFIG_NOT_FOUND',
    ]);
  });
});

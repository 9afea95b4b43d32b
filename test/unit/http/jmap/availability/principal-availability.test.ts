import type { AvailabilityService } from '../../../../../lambdas/core/availability/service';
import type { MailboxAvailability } from '../../../../../lambdas/core/availability/types';
import { ACCOUNT, mailFixture, ORG, type Json } from '../mail/fixture';

const AVAILABILITY = 'urn:ietf:params:jmap:principals:availability';
const PRINCIPALS = 'urn:ietf:params:jmap:principals';
const USING = ['urn:ietf:params:jmap:core', PRINCIPALS, AVAILABILITY];
const SHARED = 'S-1-5-9';
const hours = { timezone: { name: 'UTC', bias: 0 }, workingPeriods: [] };

async function setup(
  answer: MailboxAvailability | 'windowTooLong' = { mailbox: 'x', ok: true, busy: [], workingHours: hours },
) {
  const asked: Array<{
    requester: unknown;
    addresses: readonly string[];
    window: unknown;
    options: unknown;
  }> = [];
  const availability: Pick<AvailabilityService, 'getAvailability'> = {
    getAvailability: async (requester, addresses, window, options) => {
      asked.push({ requester, addresses, window, options });
      return answer === 'windowTooLong'
        ? { ok: false, refusal: { type: 'windowTooLong', maxDays: 42 } }
        : { ok: true, value: [answer] };
    },
  };
  const fixture = await mailFixture(undefined, undefined, {
    availability: {
      availability,
      principalAddress: async (organizationId: string, id: string) =>
        organizationId === ORG && id === 'u-bob' ? 'bob@example.com' : id.includes('@') ? id : undefined,
    },
    sharedMailboxes: async () => [{ mailboxId: SHARED, name: 'team@example.com' }],
  });
  const send = async (body: unknown) => {
    const response = await fixture.jmap({
      method: body === undefined ? 'GET' : 'POST',
      path: body === undefined ? '/.well-known/jmap' : '/jmap/api/',
      query: {},
      headers: { 'content-type': 'application/json', authorization: 'Basic x' },
      body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
    });
    return JSON.parse(String(response?.body)) as Json;
  };
  const call = async (args: Record<string, unknown>) => {
    const body = await send({
      using: USING,
      methodCalls: [['Principal/getAvailability', { accountId: ACCOUNT, ...args }, 'c']],
    });
    const [name, result] = body.methodResponses[0]!;
    return { name: name as string, result };
  };
  return { asked, send, call };
}

const window = { utcStart: '2026-03-02T00:00:00Z', utcEnd: '2026-03-09T00:00:00Z' };
const at = (iso: string) => Date.parse(iso);

describe('JMAP: Principal/getAvailability (draft-ietf-jmap-calendars §2.2)', () => {
  it('advertises the availability capability with its maximum duration on the user’s own account', async () => {
    const { send } = await setup();
    const session = await send(undefined);
    expect(session.capabilities[AVAILABILITY]).toEqual({});
    expect(session.accounts[ACCOUNT].accountCapabilities[AVAILABILITY]).toEqual({
      maxAvailabilityDuration: 'P42D',
    });
    expect(session.accounts[ACCOUNT].accountCapabilities[PRINCIPALS]).toEqual({
      currentUserPrincipalId: ACCOUNT,
    });
    expect(session.accounts[SHARED].accountCapabilities[AVAILABILITY]).toBeUndefined();
  });

  it('returns busy periods as UTCDates with busyStatus, leaving free time out and events null without showDetails', async () => {
    const { call, asked } = await setup({
      mailbox: 'bob@example.com',
      ok: true,
      workingHours: hours,
      busy: [
        { start: at('2026-03-01T23:00:00Z'), end: at('2026-03-02T01:00:00Z'), busyType: 'BUSY' },
        { start: at('2026-03-03T09:00:00Z'), end: at('2026-03-03T09:30:00.500Z'), busyType: 'TENTATIVE' },
        { start: at('2026-03-04T09:00:00Z'), end: at('2026-03-04T10:00:00Z'), busyType: 'FREE' },
        { start: at('2026-03-05T00:00:00Z'), end: at('2026-03-06T00:00:00Z'), busyType: 'OOF' },
      ],
    });

    const { name, result } = await call({ id: 'u-bob', ...window });

    expect(name).toBe('Principal/getAvailability');
    expect(result).toEqual({
      list: [
        {
          utcStart: '2026-03-01T23:00:00Z',
          utcEnd: '2026-03-02T01:00:00Z',
          busyStatus: 'confirmed',
          event: null,
        },
        {
          utcStart: '2026-03-03T09:00:00Z',
          utcEnd: '2026-03-03T09:30:00.500Z',
          busyStatus: 'tentative',
          event: null,
        },
        {
          utcStart: '2026-03-05T00:00:00Z',
          utcEnd: '2026-03-06T00:00:00Z',
          busyStatus: 'unavailable',
          event: null,
        },
      ],
    });
    expect(asked).toEqual([
      {
        requester: { organizationId: ORG, userId: ACCOUNT, email: 'ana@example.com', userName: 'ana' },
        addresses: ['bob@example.com'],
        window: { start: at(window.utcStart), end: at(window.utcEnd) },
        options: { ownDetails: false },
      },
    ]);
  });

  it('shows a provider’s details as a minimal Event only with showDetails, limited to eventProperties', async () => {
    const details = {
      subject: 'Board',
      location: 'Room 4',
      instanceType: 'SINGLE_INSTANCE' as const,
      isMeeting: true,
      isReminderSet: false,
      isPrivate: false,
    };
    const { call, asked } = await setup({
      mailbox: 'carl@partner.example',
      ok: true,
      workingHours: hours,
      busy: [
        { start: at('2026-03-03T09:00:00Z'), end: at('2026-03-03T10:00:00Z'), busyType: 'BUSY', details },
      ],
    });

    const full = await call({ id: 'carl@partner.example', ...window, showDetails: true });
    const some = await call({
      id: 'carl@partner.example',
      ...window,
      showDetails: true,
      eventProperties: ['title'],
    });

    expect(full.result.list[0].event).toEqual({
      '@type': 'Event',
      title: 'Board',
      start: '2026-03-03T09:00:00',
      timeZone: 'Etc/UTC',
      duration: 'PT3600S',
      privacy: 'public',
      locations: { '1': { '@type': 'Location', name: 'Room 4' } },
    });
    expect(some.result.list[0].event).toEqual({ '@type': 'Event', title: 'Board' });
    expect(asked.map((each) => each.options)).toEqual([{ ownDetails: true }, { ownDetails: true }]);
  });

  it('answers notFound for unknown principals and addresses without availability, serverUnavailable for failed providers', async () => {
    expect((await (await setup()).call({ id: 'u-nobody', ...window })).result.type).toBe('notFound');
    const missing = await setup({
      mailbox: 'x@y.example',
      ok: false,
      error: 'ERROR_AVAILABILITY_CONFIG_NOT_FOUND',
    });
    expect((await missing.call({ id: 'x@y.example', ...window })).result.type).toBe('notFound');
    const late = await setup({ mailbox: 'x@y.example', ok: false, error: 'ERROR_TIMEOUT_EXPIRED' });
    expect((await late.call({ id: 'x@y.example', ...window })).result.type).toBe('serverUnavailable');
  });

  it('refuses other accounts, malformed arguments and windows over the maximum duration', async () => {
    const { call } = await setup();
    expect((await call({ accountId: SHARED, id: 'u-bob', ...window })).result.type).toBe(
      'accountNotSupportedByMethod',
    );
    for (const bad of [
      { id: 'u-bob', utcStart: '2026-03-02T00:00:00', utcEnd: window.utcEnd },
      { id: 'u-bob', utcStart: window.utcStart, utcEnd: '2026-03-09' },
      { id: '', ...window },
      { id: 'u-bob', ...window, showDetails: 'yes' },
      { id: 'u-bob', ...window, eventProperties: [1] },
    ]) {
      expect((await call(bad)).result.type).toBe('invalidArguments');
    }
    const tooLong = await setup('windowTooLong');
    expect((await tooLong.call({ id: 'u-bob', ...window })).result.type).toBe('tooLarge');
  });
});

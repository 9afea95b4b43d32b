import { InMemoryVacationSettings } from '../../../vacation/doubles';
import { ACCOUNT, mailFixture, ORG, type Json } from './fixture';

const VACATION = 'urn:ietf:params:jmap:vacationresponse';
const USING = ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail', VACATION];
const SHARED = 'S-1-5-9';

async function setup() {
  const vacations = new InMemoryVacationSettings();
  const fixture = await mailFixture(undefined, undefined, {
    vacation: { vacations },
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
  /** One call; its response name and arguments. */
  const call = async (name: string, args: Record<string, unknown>, using = USING) => {
    const body = await send({ using, methodCalls: [[name, { accountId: ACCOUNT, ...args }, 'c']] });
    const [responseName, result] = body.methodResponses[0]!;
    return { name: responseName as string, result };
  };
  const update = (patch: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    call('VacationResponse/set', { update: { singleton: patch }, ...extra });
  const current = async () => (await call('VacationResponse/get', {})).result.list[0];
  return { vacations, send, call, update, current };
}

describe('JMAP: VacationResponse/get and /set (RFC 8621 §8)', () => {
  it('advertises the capability on the user’s own account only', async () => {
    const { send } = await setup();

    const session = await send(undefined);

    expect(session.capabilities[VACATION]).toEqual({});
    expect(session.primaryAccounts[VACATION]).toBe(ACCOUNT);
    expect(session.accounts[ACCOUNT].accountCapabilities[VACATION]).toEqual({});
    expect(session.accounts[SHARED].accountCapabilities[VACATION]).toBeUndefined();
  });

  it('refuses a shared account and a request that does not use the capability', async () => {
    const { call } = await setup();

    const shared = await call('VacationResponse/get', { accountId: SHARED });
    const unused = await call('VacationResponse/get', {}, USING.slice(0, 2));

    expect([shared.name, shared.result.type]).toEqual(['error', 'accountNotSupportedByMethod']);
    expect(unused.name).toBe('error');
  });

  it('returns the one object, disabled with nothing set, until the user sets it', async () => {
    const { call } = await setup();

    const { result } = await call('VacationResponse/get', { ids: null });

    expect(result.list).toEqual([
      {
        id: 'singleton',
        isEnabled: false,
        fromDate: null,
        toDate: null,
        subject: null,
        textBody: null,
        htmlBody: null,
      },
    ]);
    expect(result.notFound).toEqual([]);
    expect(typeof result.state).toBe('string');
  });

  it('answers ids other than singleton as not found, and returns only the properties asked for', async () => {
    const { call } = await setup();

    const some = await call('VacationResponse/get', { ids: ['singleton', 'other', 'other'] });
    const none = await call('VacationResponse/get', { ids: [] });
    const picked = await call('VacationResponse/get', { properties: ['isEnabled'] });
    const unknown = await call('VacationResponse/get', { properties: ['isEnabled', 'reason'] });

    expect(some.result.list.map((object) => object.id)).toEqual(['singleton']);
    expect(some.result.notFound).toEqual(['other']);
    expect(none.result.list).toEqual([]);
    expect(picked.result.list).toEqual([{ id: 'singleton', isEnabled: false }]);
    expect([unknown.name, unknown.result.type]).toEqual(['error', 'invalidArguments']);
  });

  it('updates the singleton, keeps dates as instants and changes the state', async () => {
    const { call, update, vacations } = await setup();
    const before = (await call('VacationResponse/get', {})).result.state;

    const { result } = await update({
      id: 'singleton',
      isEnabled: true,
      fromDate: '2027-01-01T00:00:00Z',
      toDate: '2027-01-11T08:30:00.5Z',
      subject: 'Away',
      textBody: 'Back on the 11th.',
      htmlBody: '<p>Back on the 11th.</p>',
    });
    const after = await call('VacationResponse/get', {});

    expect(result.updated).toEqual({ singleton: null });
    expect(result.oldState).toBe(before);
    expect(result.newState).toBe(after.result.state);
    expect(result.newState).not.toBe(before);
    expect(after.result.list[0]).toEqual({
      id: 'singleton',
      isEnabled: true,
      fromDate: '2027-01-01T00:00:00Z',
      toDate: '2027-01-11T08:30:00.500Z',
      subject: 'Away',
      textBody: 'Back on the 11th.',
      htmlBody: '<p>Back on the 11th.</p>',
    });
    expect(vacations.responses.get(`${ORG}/${ACCOUNT}`)).toMatchObject({
      isEnabled: true,
      fromDate: Date.UTC(2027, 0, 1),
      toDate: Date.UTC(2027, 0, 11, 8, 30, 0, 500),
    });
  });

  it('changes only the properties a patch names, and clears them with null', async () => {
    const { update, current } = await setup();
    await update({ isEnabled: true, subject: 'Away', toDate: '2027-01-11T00:00:00Z' });

    await update({ toDate: null, subject: null });

    expect(await current()).toMatchObject({ isEnabled: true, subject: null, toDate: null });
  });

  it('cannot create another VacationResponse or destroy it', async () => {
    const { call } = await setup();

    const { result } = await call('VacationResponse/set', {
      create: { k1: { isEnabled: true } },
      destroy: ['singleton', 'other'],
      update: { other: { isEnabled: true } },
    });

    expect(result.notCreated.k1.type).toBe('singleton');
    expect(result.notDestroyed.singleton.type).toBe('singleton');
    expect(result.notDestroyed.other.type).toBe('notFound');
    expect(result.notUpdated.other.type).toBe('notFound');
    expect(result.created).toEqual({});
    expect(result.destroyed).toEqual([]);
  });

  it('refuses wrong values with invalidProperties naming each, and stores nothing', async () => {
    const { update, vacations } = await setup();

    const { result } = await update({
      id: 'other',
      isEnabled: 'true',
      fromDate: '2027-01-01T00:00:00+01:00',
      toDate: '2027-02-30T00:00:00Z',
      subject: 5,
      reason: 'x',
    });

    expect(result.notUpdated.singleton.type).toBe('invalidProperties');
    expect(result.notUpdated.singleton.properties).toEqual([
      'id',
      'isEnabled',
      'fromDate',
      'toDate',
      'subject',
      'reason',
    ]);
    expect(vacations.responses.size).toBe(0);
  });

  it('refuses a patch that is not an object or reaches inside a property', async () => {
    const { call, update } = await setup();

    const inside = await update({ 'subject/0': 'A' });
    const notObject = await call('VacationResponse/set', { update: { singleton: true } });

    expect(inside.result.notUpdated.singleton.type).toBe('invalidPatch');
    expect(notObject.result.notUpdated.singleton.type).toBe('invalidPatch');
  });

  it('refuses a subject over 1,000 characters or a body over 64 KiB as tooLarge', async () => {
    const { update } = await setup();

    const big = await update({ subject: 'x'.repeat(1001), htmlBody: 'é'.repeat(32 * 1024 + 1) });
    const fits = await update({ subject: 'x'.repeat(1000), textBody: 'x'.repeat(64 * 1024) });

    expect(big.result.notUpdated.singleton.type).toBe('tooLarge');
    expect(big.result.notUpdated.singleton.properties).toEqual(['subject', 'htmlBody']);
    expect(fits.result.updated).toEqual({ singleton: null });
  });

  it('refuses the change with stateMismatch when ifInState is not the current state', async () => {
    const { call, update, vacations } = await setup();
    const state = (await call('VacationResponse/get', {})).result.state;

    const stale = await update({ isEnabled: true }, { ifInState: 'old' });
    const fresh = await update({ isEnabled: true }, { ifInState: state });

    expect([stale.name, stale.result.type]).toEqual(['error', 'stateMismatch']);
    expect(fresh.result.updated).toEqual({ singleton: null });
    expect(vacations.responses.get(`${ORG}/${ACCOUNT}`)?.isEnabled).toBe(true);
  });
});

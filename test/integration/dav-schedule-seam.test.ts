import type { ScheduleChange } from '../../lambdas/http/dav/dav-context';
import { createDavApi, type DavRoute } from '../../lambdas/http/dav/dav-api';
import type { HttpRequest } from '../../lambdas/http/types';
import { calendarTestModel, type CalendarTestModel } from '../support/calendar-model';
import { vevent } from '../support/dav-client';

const ORG = 'm-11111111111111111111111111111111';
const USER = {
  organizationId: ORG,
  userId: 'seam-user',
  email: 'ana@seam.example.com',
  method: 'password' as const,
};

describe('DAV: the scheduling seam (onScheduleChange) on the real calendar model', () => {
  let calendars: CalendarTestModel;
  let dav: DavRoute;
  let heard: ScheduleChange[];
  let failing = false;

  const request = (
    method: string,
    name: string,
    body = '',
    headers: Record<string, string> = {},
  ): HttpRequest => ({
    method,
    path: `/dav/calendars/${USER.userId}/calendar/${name}`,
    query: {},
    headers: { authorization: 'Basic x', 'content-type': 'text/calendar', ...headers },
    body: Buffer.from(body),
  });

  beforeAll(async () => {
    calendars = await calendarTestModel();
    await calendars.mailboxes.provision(ORG, USER.userId);
    dav = createDavApi({
      baseUrl: 'https://mail.example.com/dav',
      authenticate: async () => ({ ok: true, user: USER }),
      calendars: calendars.model,
      sharedMailboxes: async () => [],
      onScheduleChange: async (change) => {
        heard.push(change);
        if (failing) throw new Error('outbound path down');
      },
      logError: () => {},
    });
  });

  beforeEach(() => {
    heard = [];
    failing = false;
  });

  afterAll(() => calendars.close());

  it('tells the seam of a new event, a change (with the previous version) and a deletion, after each write', async () => {
    // Act
    await dav(request('PUT', 'm.ics', vevent('m@t', '20260601T090000Z', '20260601T100000Z', 'First')));
    await dav(request('PUT', 'm.ics', vevent('m@t', '20260601T110000Z', '20260601T120000Z', 'Second')));
    await dav(request('DELETE', 'm.ics'));
    // Assess
    expect(
      heard.map((change) => [
        change.name,
        change.previous?.content.includes('First') ?? null,
        change.content?.includes('Second') ?? null,
      ]),
    ).toEqual([
      ['m.ics', null, false],
      ['m.ics', true, true],
      ['m.ics', false, null],
    ]);
    expect(heard[0]).toMatchObject({
      actor: USER,
      owner: { organizationId: ORG, mailboxId: USER.userId },
      collectionId: 'calendar',
    });
  });

  it('does not hear of a refused write, and a failing seam does not undo a stored one', async () => {
    // Act
    const refused = await dav(request('PUT', 'bad.ics', 'BEGIN:VCALENDAR\r\n'));
    failing = true;
    const stored = await dav(
      request('PUT', 'kept.ics', vevent('kept@t', '20260602T090000Z', '20260602T100000Z')),
    );
    const read = await dav(request('GET', 'kept.ics'));
    // Assess
    expect(refused?.statusCode).toBe(403);
    expect(stored?.statusCode).toBe(201);
    expect(read?.statusCode).toBe(200);
    expect(heard.map((change) => change.name)).toEqual(['kept.ics']);
  });
});

import { CalendarService } from '../../../lambdas/core/calendar/calendar-service';
import type { CalendarStore, CollectionRecord } from '../../../lambdas/core/calendar/ports';
import { CalendarWriteConflictError } from '../../../lambdas/core/calendar/results';
import { simpleEvent } from '../../support/calendar-objects';
import { keyring } from './doubles';

const owner = { organizationId: 'm-1', mailboxId: 'S-1' };
const calendar: CollectionRecord = {
  collectionId: 'calendar',
  kind: 'calendar',
  displayName: 'Calendar',
  isDefault: true,
  syncSeq: 4,
  createdAt: 0,
};

/** A store whose collection always moved on by the time of the commit. */
function racingStore(commits: { count: number; reads: number }): CalendarStore {
  return {
    getCollection: async () => calendar,
    getObject: async () => {
      commits.reads += 1;
      return undefined;
    },
    nameOfUid: async () => undefined,
    commit: async () => {
      commits.count += 1;
      return false;
    },
  } as unknown as CalendarStore;
}

describe('CalendarService', () => {
  it('gives up with CalendarWriteConflictError after 32 commits lost to other writers, re-reading before each', async () => {
    const commits = { count: 0, reads: 0 };
    const model = new CalendarService({ store: racingStore(commits), keyring: keyring(), now: () => 0 });
    await expect(
      model.putObject(owner, 'calendar', 'a.ics', simpleEvent('a', '20260105T090000Z', '20260105T100000Z')),
    ).rejects.toBeInstanceOf(CalendarWriteConflictError);
    expect(commits.count).toBe(32);
    expect(commits.reads).toBe(32);
  });

  it('refuses invalid collection ids, names and patches before touching the store', async () => {
    const model = new CalendarService({ store: {} as CalendarStore, keyring: keyring() });
    expect(await model.createCollection(owner, 'Bad_Id', 'calendar', {})).toMatchObject({
      ok: false,
      refusal: { type: 'invalidData' },
    });
    for (const patch of [
      { displayName: '' },
      { displayName: 'x'.repeat(257) },
      { description: 'x'.repeat(4097) },
      { color: 'red' },
    ])
      expect(await model.createCollection(owner, 'ok-id', 'calendar', patch)).toMatchObject({
        ok: false,
        refusal: { type: 'invalidData' },
      });
    expect(await model.putObject(owner, 'calendar', 'a/b.ics', 'x')).toMatchObject({
      ok: false,
      refusal: { type: 'invalidData', reason: 'A resource name is 1–255 characters without "/".' },
    });
    expect(await model.getCollection(owner, 'Bad_Id')).toBeUndefined();
  });
});

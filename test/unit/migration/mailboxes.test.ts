import { moveMailboxes, type MoveMailboxesOptions } from '../../../lambdas/core/migration/mailboxes';
import type { MailboxMove } from '../../../lambdas/core/migration/types';
import { fakeMoveDeps, MemoryState, type FakeMessage } from '../../support/mailbox-move-fakes';

const OPTIONS: MoveMailboxesOptions = {
  exportDestination: {
    roleArn: 'arn:aws:iam::1:role/x',
    kmsKeyArn: 'arn:aws:kms:r:1:key/k',
    bucket: 'exports',
    prefix: 'out',
  },
  importLocation: { bucket: 'imports', prefix: 'migration' },
};
const DAY = 24 * 60 * 60 * 1000;

function move(n: number, organization = 'm-source'): MailboxMove {
  return {
    sourceOrganizationId: organization,
    sourceEntityId: `S-1-${organization}-${n}`,
    targetOrganizationId: 'm-target',
    targetEntityId: `T-${organization}-${n}`,
    address: `user${n}@${organization}.example.com`,
  };
}

function mail(count: number, folder = 'Inbox', tag = ''): FakeMessage[] {
  return Array.from({ length: count }, (_, index) => ({
    folder,
    raw: `Subject: ${tag}${index}\r\n\r\nbody ${index}`,
  }));
}

describe('moveMailboxes', () => {
  it('exports, verifies and imports every mailbox, recording each in the state', async () => {
    const fakes = fakeMoveDeps();
    const moves = [move(1), move(2)];
    fakes.source.mailboxes.set(moves[0]!.sourceEntityId, [...mail(3), ...mail(2, 'Inbox/Projects', 'p')]);
    fakes.source.mailboxes.set(moves[1]!.sourceEntityId, []);

    const results = await moveMailboxes(moves, fakes.deps, OPTIONS);

    expect(results).toEqual([
      {
        address: moves[0]!.address,
        outcome: 'moved',
        exportedMessages: 5,
        importedMessages: 5,
        bytes: expect.any(Number),
      },
      { address: moves[1]!.address, outcome: 'moved', exportedMessages: 0, importedMessages: 0, bytes: 0 },
    ]);
    expect(fakes.target.stored.get(moves[0]!.targetEntityId)!.map((m) => m.folder)).toEqual([
      'Inbox',
      'Inbox',
      'Inbox',
      'Inbox/Projects',
      'Inbox/Projects',
    ]);
    expect(fakes.state.keys('mailbox/')).toEqual([
      `mailbox/${moves[0]!.sourceEntityId}`,
      `mailbox/${moves[1]!.sourceEntityId}`,
    ]);
    expect(
      fakes.state.get<{ passes: number; knownHashes: string[] }>(`mailbox/${moves[0]!.sourceEntityId}`),
    ).toMatchObject({
      passes: 1,
      knownHashes: expect.arrayContaining([expect.stringMatching(/^[\w-]{22}$/)]),
    });
    expect(fakes.progress.lines).toEqual(
      expect.arrayContaining(['start 2', `${moves[0]!.address} exporting 50`, `${moves[0]!.address} moved`]),
    );
  });

  it('runs at most exportsPerOrganization export jobs at once in each source organization', async () => {
    const fakes = fakeMoveDeps();
    const moves = [...[1, 2, 3, 4, 5].map((n) => move(n, 'm-a')), ...[1, 2, 3].map((n) => move(n, 'm-b'))];

    const results = await moveMailboxes(moves, fakes.deps, {
      ...OPTIONS,
      concurrency: 8,
      exportsPerOrganization: 2,
    });

    expect(results.map((r) => r.outcome)).toEqual(Array(8).fill('moved'));
    expect(fakes.source.maxRunning.get('m-a')).toBe(2);
    expect(fakes.source.maxRunning.get('m-b')).toBe(2);
  });

  it('retries calls the source throttles until they pass (the backoff itself: backoff tests)', async () => {
    const fakes = fakeMoveDeps();
    fakes.source.mailboxes.set(move(1).sourceEntityId, mail(2));
    fakes.source.throttle = 3;

    const [result] = await moveMailboxes([move(1)], fakes.deps, OPTIONS);

    expect(result).toMatchObject({ outcome: 'moved', importedMessages: 2 });
    expect(fakes.source.starts).toBe(1);
    expect(fakes.source.throttle).toBe(0);
  });

  it('reports a mailbox failed when throttling outlasts the attempts, and moves the others', async () => {
    const fakes = fakeMoveDeps();
    fakes.source.throttle = 2;

    const results = await moveMailboxes([move(1), move(2)], fakes.deps, {
      ...OPTIONS,
      concurrency: 1,
      throttleAttempts: 2,
    });

    expect(results.map((r) => [r.outcome, r.error])).toEqual([
      ['failed', 'Rate exceeded'],
      ['moved', undefined],
    ]);
  });

  it('retries a failed export job, then reports it failed with the reason while the others move', async () => {
    const fakes = fakeMoveDeps();
    fakes.source.failing.set(move(1).sourceEntityId, 5);
    fakes.source.mailboxes.set(move(2).sourceEntityId, mail(1));

    const results = await moveMailboxes([move(1), move(2)], fakes.deps, OPTIONS);

    expect(fakes.source.starts).toBe(3);
    expect(results[0]).toMatchObject({
      outcome: 'failed',
      error: 'the export job ended FAILED: The bucket refused the request (AccessDenied).',
    });
    expect(results[1]).toMatchObject({ outcome: 'moved', importedMessages: 1 });
  });

  it('moves a mailbox whose first export job failed once', async () => {
    const fakes = fakeMoveDeps();
    fakes.source.failing.set(move(1).sourceEntityId, 1);
    fakes.source.mailboxes.set(move(1).sourceEntityId, mail(2));

    const [result] = await moveMailboxes([move(1)], fakes.deps, OPTIONS);

    expect(result).toMatchObject({ outcome: 'moved', importedMessages: 2 });
  });

  it('reports when a failed export can be retried when the source refuses a second job within 24 hours', async () => {
    const fakes = fakeMoveDeps();
    fakes.source.failing.set(move(1).sourceEntityId, 1);
    const start = fakes.time.now;
    const refuseSecond = fakes.source.start.bind(fakes.source);
    fakes.source.start = async (request) =>
      fakes.source.starts > 0 ? 'limitExceeded' : refuseSecond(request);

    const [result] = await moveMailboxes([move(1)], fakes.deps, OPTIONS);

    expect(result!.outcome).toBe('failed');
    expect(result!.error).toBe(
      `the export job ended FAILED: The bucket refused the request (AccessDenied).; the source allows one export per mailbox per 24 hours: a new export is possible from ${new Date(start + DAY).toISOString()}`,
    );
  });

  it('waits for a slot when the organization runs its maximum of export jobs, then reports it', async () => {
    const fakes = fakeMoveDeps();
    fakes.source.limited.add(move(1).sourceEntityId);
    const before = fakes.time.now;

    const [result] = await moveMailboxes([move(1)], fakes.deps, { ...OPTIONS, limitAttempts: 3 });

    expect(result!.error).toMatch(/^the source refused the export \(LimitExceededException\)/);
    expect(fakes.time.now - before).toBe(60_000 + 120_000);
  });

  it('imports only messages with new content on a delta pass, wherever they are filed', async () => {
    const fakes = fakeMoveDeps();
    const m = move(1);
    fakes.source.mailboxes.set(m.sourceEntityId, mail(3));
    await moveMailboxes([m], fakes.deps, OPTIONS);
    // A day later: one message was filed elsewhere, two arrived.
    fakes.time.now += DAY;
    fakes.source.mailboxes.set(m.sourceEntityId, [
      ...mail(2),
      { folder: 'Archive', raw: mail(3)[2]!.raw },
      ...mail(2, 'Inbox', 'new'),
    ]);

    const [result] = await moveMailboxes([m], fakes.deps, { ...OPTIONS, delta: true });

    expect(result).toMatchObject({ outcome: 'moved', exportedMessages: 5, importedMessages: 2 });
    expect(fakes.target.stored.get(m.targetEntityId)!.map((s) => s.raw)).toEqual([
      ...mail(3).map((x) => x.raw),
      ...mail(2, 'Inbox', 'new').map((x) => x.raw),
    ]);
  });

  it('reports a delta pass with nothing new as unchanged, without an import', async () => {
    const fakes = fakeMoveDeps();
    fakes.source.mailboxes.set(move(1).sourceEntityId, mail(2));
    await moveMailboxes([move(1)], fakes.deps, OPTIONS);
    fakes.time.now += DAY;

    const [result] = await moveMailboxes([move(1)], fakes.deps, { ...OPTIONS, delta: true });

    expect(result).toMatchObject({ outcome: 'unchanged', exportedMessages: 2, importedMessages: 0 });
    expect(fakes.target.jobs.size).toBe(1);
  });

  it('refuses a delta pass within 24 hours of the last export, saying when it becomes possible', async () => {
    const fakes = fakeMoveDeps();
    const exportedAt = fakes.time.now;
    await moveMailboxes([move(1)], fakes.deps, OPTIONS);
    const starts = fakes.source.starts;

    const [result] = await moveMailboxes([move(1)], fakes.deps, { ...OPTIONS, delta: true });

    expect(result).toMatchObject({ outcome: 'failed' });
    expect(result!.error).toBe(
      `the source allows one export per mailbox per 24 hours: the next pass is possible from ${new Date(exportedAt + DAY).toISOString()}`,
    );
    expect(fakes.source.starts).toBe(starts);
  });

  it('reports the recorded result of a moved mailbox without calling anything when run again', async () => {
    const fakes = fakeMoveDeps();
    fakes.source.mailboxes.set(move(1).sourceEntityId, mail(2));
    const [first] = await moveMailboxes([move(1)], fakes.deps, OPTIONS);

    const [again] = await moveMailboxes([move(1)], fakes.deps, OPTIONS);

    expect(again).toEqual(first);
    expect(fakes.source.starts).toBe(1);
    expect(fakes.target.jobs.size).toBe(1);
  });

  it.each([1, 2, 3, 4, 5, 6])(
    'resumes a run killed at state write %i (of 6) without a second export or a duplicate message',
    async (write) => {
      const state = new MemoryState();
      const fakes = fakeMoveDeps(state);
      fakes.source.mailboxes.set(move(1).sourceEntityId, mail(4));
      state.failAtWrite = write;
      const [killed] = await moveMailboxes([move(1)], fakes.deps, OPTIONS);
      expect(killed!.outcome).toBe('failed');

      state.failAtWrite = Infinity;
      const [resumed] = await moveMailboxes([move(1)], fakes.deps, OPTIONS);

      expect(resumed).toMatchObject({ outcome: 'moved', importedMessages: 4 });
      expect(fakes.source.starts).toBe(1);
      expect(fakes.target.stored.get(move(1).targetEntityId)).toHaveLength(4);
    },
  );

  it('reports an export that does not match its summary log', async () => {
    const fakes = fakeMoveDeps();
    fakes.source.mailboxes.set(move(1).sourceEntityId, mail(2));
    const readSummary = fakes.objects.readSummary.bind(fakes.objects);
    fakes.objects.readSummary = async (zip) => ({ ...(await readSummary(zip))!, totalMessages: '3' });

    const [result] = await moveMailboxes([move(1)], fakes.deps, OPTIONS);

    expect(result).toMatchObject({
      outcome: 'failed',
      error:
        'the export does not match its summary log: the export summary lists 3 messages, the zip holds 2',
    });
    expect(fakes.target.jobs.size).toBe(0);
  });

  it('moves an export without a summary log, checked by the counts the target reports', async () => {
    const fakes = fakeMoveDeps();
    fakes.source.mailboxes.set(move(1).sourceEntityId, mail(2));
    fakes.objects.readSummary = async () => undefined;

    const [result] = await moveMailboxes([move(1)], fakes.deps, OPTIONS);

    expect(result).toMatchObject({ outcome: 'moved', exportedMessages: 2, importedMessages: 2 });
  });

  it('reports an import whose bytes differ from those sent', async () => {
    const fakes = fakeMoveDeps();
    fakes.source.mailboxes.set(move(1).sourceEntityId, mail(1));
    const describe = fakes.target.describe.bind(fakes.target);
    fakes.target.describe = async (...args) => {
      const status = await describe(...args);
      return { ...status, importedBytes: status.importedBytes - 1 };
    };

    const [result] = await moveMailboxes([move(1)], fakes.deps, OPTIONS);

    const sent = Buffer.byteLength(mail(1)[0]!.raw);
    expect(result).toMatchObject({
      outcome: 'failed',
      error: `the target stored ${sent - 1} bytes of the ${sent} sent`,
    });
  });

  it('reports an import that stored fewer messages than were sent', async () => {
    const fakes = fakeMoveDeps();
    fakes.source.mailboxes.set(move(1).sourceEntityId, mail(3));
    fakes.target.dropping = 1;

    const [result] = await moveMailboxes([move(1)], fakes.deps, OPTIONS);

    expect(result).toMatchObject({
      outcome: 'failed',
      error: 'the target stored 2 of 3 messages (is the mailbox over its quota?)',
    });
  });
});

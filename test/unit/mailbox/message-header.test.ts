import { readHeader } from '../../../lambdas/core/mailbox/message-header';
import { MBX, ORG, setup } from './setup';

describe('readHeader: reading only the header', () => {
  const deliver = async (raw: Buffer<ArrayBuffer>) => {
    const world = setup();
    await world.service.provision(ORG, MBX);
    await world.service.deliver({ ...world.message('m1', raw), quotaBytes: 100_000_000 });
    return world;
  };

  it('returns the header of a large message through its blank line', async () => {
    const header = 'From: a@example.org\r\nSubject: big\r\n\r\n';
    const world = await deliver(Buffer.concat([Buffer.from(header), Buffer.alloc(2_000_000, 0x61)]));

    expect((await readHeader(world.service, ORG, MBX, 'm1'))?.toString()).toBe(header);
  });

  it('finds the end after bare LFs and across chunk boundaries, and an empty header at the start', async () => {
    const bare = await deliver(Buffer.from('Subject: bare\n\nbody\n'));
    // The blank line's CR is the last byte of the first 64 KiB chunk, its LF the first of the second.
    const split = await deliver(Buffer.from(`X: ${'y'.repeat(65_530)}\r\n\r\nbody`));
    const empty = await deliver(Buffer.from('\r\nonly a body'));

    expect((await readHeader(bare.service, ORG, MBX, 'm1'))?.toString()).toBe('Subject: bare\n\n');
    expect((await readHeader(split.service, ORG, MBX, 'm1'))?.length).toBe(65_537);
    expect((await readHeader(empty.service, ORG, MBX, 'm1'))?.toString()).toBe('\r\n');
  });

  it('gives up past the limit, and returns a message without a blank line whole', async () => {
    const long = await deliver(Buffer.from(`X: ${'y'.repeat(5000)}\r\n\r\nbody`));
    const headless = await deliver(Buffer.from('Subject: no body'));

    expect(await readHeader(long.service, ORG, MBX, 'm1', 1000)).toBeUndefined();
    expect((await readHeader(headless.service, ORG, MBX, 'm1'))?.toString()).toBe('Subject: no body');
  });
});

import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import PostalMime from 'postal-mime';
import { parseMessageHeaders, resolveRecipients, type RecipientDirectory } from '../../lambdas/core/delivery';
import { InMemoryDirectory } from '../unit/delivery/doubles';

/** Inputs of {@link benchInbound}; every field has a default. */
export interface InboundBenchDeps {
  /** Parse iterations per measurement. @default - 300 */
  readonly iterations?: number;
  /** Members of the expanded group. @default - 1000 */
  readonly groupMembers?: number;
}

/** A ~50 KB message: a text part, an HTML part and a base64 attachment. */
async function fiftyKilobyteMessage(): Promise<Buffer> {
  const mail = new MailComposer({
    from: 'Sender <sender@remote.example>',
    to: 'alice@example.com, team@example.com',
    subject: 'Quarterly report — numbers attached',
    text: 'Hello team,\n\nthe numbers are attached.\n'.repeat(40),
    html: `<p>${'Hello team, the numbers are attached. '.repeat(40)}</p>`,
    attachments: [{ filename: 'report.bin', content: randomBytes(32 * 1024) }],
  });
  return mail.compile().build();
}

/** CPU microseconds (user + system) spent in `fn`. */
async function cpuMicros(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

/** A directory with one enabled group of `size` enabled users. */
function groupDirectory(size: number): RecipientDirectory {
  const directory = new InMemoryDirectory();
  const group = directory.add({ kind: 'GROUP', entityId: 'all', state: 'ENABLED', email: 'all@example.com' });
  const members = Array.from({ length: size }, (_, i) =>
    directory.add({ kind: 'USER', entityId: `u${i}`, state: 'ENABLED', email: `u${i}@example.com` }),
  );
  directory.setMembers(group, members);
  return directory;
}

/**
 * Inbound hot paths: CPU time of the pipeline's header/snippet parse against a postal-mime full parse of the same
 * 50 KB message, and the cost of expanding a 1,000-member group (and twice that, to show it stays linear).
 * @example
 * console.table(await benchInbound());
 */
export async function benchInbound(deps: InboundBenchDeps = {}): Promise<Record<string, number>> {
  const iterations = deps.iterations ?? 300;
  const members = deps.groupMembers ?? 1000;
  const raw = await fiftyKilobyteMessage();
  for (let i = 0; i < 20; i++) {
    parseMessageHeaders(raw);
    await PostalMime.parse(raw);
  }
  const ours = await cpuMicros(() => {
    for (let i = 0; i < iterations; i++) parseMessageHeaders(raw);
  });
  const postal = await cpuMicros(async () => {
    for (let i = 0; i < iterations; i++) await PostalMime.parse(raw);
  });
  const options = { defaultQuotaBytes: 1, maxRecipients: 500 };
  const [small, large] = [groupDirectory(members), groupDirectory(members * 2)];
  await resolveRecipients(['all@example.com'], small, options);
  const expandSmall = await cpuMicros(() => resolveRecipients(['all@example.com'], small, options));
  const expandLarge = await cpuMicros(() => resolveRecipients(['all@example.com'], large, options));
  return {
    'message bytes': raw.length,
    'parseMessageHeaders CPU µs / message': Math.round(ours / iterations),
    'postal-mime full parse CPU µs / message': Math.round(postal / iterations),
    'ratio postal-mime / parseMessageHeaders': Number((postal / ours).toFixed(1)),
    [`group expansion ${members} members CPU ms`]: Number((expandSmall / 1000).toFixed(2)),
    [`ratio expansion ${members * 2} / ${members} members (≈2 when linear)`]: Number(
      (expandLarge / expandSmall).toFixed(2),
    ),
  };
}

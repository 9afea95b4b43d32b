import {
  CreateOrganizationCommand,
  CreateUserCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { startRuntime } from '../../lambdas/local/runtime';
import { ImapClient } from '../support/imap-client';
import { connectJmap } from '../support/jmap-caller';
import type { BenchMessage, ImapBenchServer } from './imap-bench';

const PASSWORD = 'Correct-horse1';
const EMAIL = 'ana@bench.example.com';
/**
 * Mailwright's local runtime (its own DynamoDB Local and s3rver) as a benchmark server, user `ana`. Messages go in
 * through the mailbox service's `deliver` (what APPEND and inbound mail end in), one at a time, into folders made
 * over JMAP; the in-process indexer indexes them as they arrive, and `load` returns once the last one is found. The
 * server runs in this process, so its memory is this process's (the 200 idle client connections included).
 * @example
 * const figures = await measureImapServer(await mailwrightBenchServer());
 */
export async function mailwrightBenchServer(): Promise<ImapBenchServer> {
  const runtime = await startRuntime({
    port: 0,
    smtpPort: 0,
    submissionPort: 0,
    submissionsPort: 0,
    imapPort: 0,
    imapTlsPort: 0,
    memory: true,
    region: 'us-east-1',
    logger: { error: (message, fields) => console.error(message, fields) },
  });
  const workmail = new WorkMailClient({
    endpoint: runtime.endpoint,
    region: runtime.region,
    credentials: runtime.credentials,
  });
  try {
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'imapbench' }));
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: EMAIL.split('@')[1] }));
    const { UserId } = await workmail.send(
      new CreateUserCommand({ OrganizationId, Name: 'ana', DisplayName: 'Ana', Password: PASSWORD }),
    );
    await workmail.send(new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: EMAIL }));
    const signIn = await runtime.userAuth.authenticator.signInWithPassword(EMAIL, PASSWORD, {
      sourceAddress: '127.0.0.1',
      protocol: 'IMAP',
    });
    if (!signIn.ok) throw new Error(signIn.reason);
    const token = await runtime.userAuth.tokens.create(signIn.user, { name: 'bench', scopes: ['mail'] });
    if (!token.ok) throw new Error(token.message);
    const jmap = await connectJmap(`${runtime.endpoint}/.well-known/jmap`, `Bearer ${token.token}`);
    let delivered = 0;

    const load = async (mailbox: string, messages: readonly BenchMessage[]) => {
      const created = await jmap.call('Mailbox/set', { create: { box: { name: mailbox } } });
      const folder = String(created.created.box.id);
      const imap = await ImapClient.connect(runtime.imap.host, runtime.imap.port);
      await imap.login(EMAIL, PASSWORD);
      await imap.command(`EXAMINE ${mailbox}`);
      // One at a time: concurrent deliveries to one mailbox race for its modseq and retry.
      for (const { raw, internalDate } of messages) {
        await runtime.mailboxes.deliver({
          organizationId: OrganizationId!,
          mailboxId: jmap.accountId,
          messageId: `bench-${++delivered}`,
          folder,
          raw,
          receivedAt: internalDate.getTime(),
          summary: {},
          quotaBytes: 1e12,
        });
      }
      await searchable(imap, messages.length - 1);
      await imap.logout();
    };

    return {
      name: 'Mailwright',
      host: runtime.imap.host,
      port: runtime.imap.port,
      user: EMAIL,
      pass: PASSWORD,
      load,
      processIds: async () => [process.pid],
      stop: async () => {
        workmail.destroy();
        await runtime.stop();
      },
    };
  } catch (error) {
    workmail.destroy();
    await runtime.stop();
    throw error;
  }
}

/** Waits until bench message `index` (its subject ends `#<index>`) is found in the examined mailbox. */
async function searchable(imap: ImapClient, index: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const { untagged } = await imap.command(`SEARCH SUBJECT ${index}`);
    if (untagged.some((response) => response[0] === 'SEARCH' && response.length > 1)) return;
    if (Date.now() - started > 5 * 60_000) throw new Error('the search index did not catch up');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

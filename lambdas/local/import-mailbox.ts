import { parseArgs } from 'node:util';
import { s3ZipEntries } from '../adapters/aws/s3-zip-entries';
import { fileZipEntries } from '../adapters/local/file-zip-entries';
import { importMailboxZip, type ZipEntries } from '../core/export/import-zip';
import { MailboxLookupError, findMailbox } from './read-message';
import { openLocalData } from './open-local-data';
import { s3LocalClient } from './s3-local';

const USAGE =
  'Usage: npm start -- import-mailbox --user ADDRESS (--file ZIP | --bucket BUCKET --key KEY) [--data DIR]';

/**
 * `npm start -- import-mailbox`: reads a mailbox export zip (a file, or an object of the local S3) into the mailbox
 * of an address, creating its folders; running it again stores nothing twice. Uses the engines of a runtime running
 * on the data directory, or starts them for the duration of the command. Returns the exit code.
 * @example
 * await importMailboxCommand(['--user', 'ana@acme.mailwright.localhost', '--file', 'ana.zip'], process.stdout);
 */
export async function importMailboxCommand(
  argv: readonly string[],
  out: NodeJS.WritableStream,
): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      user: { type: 'string' },
      file: { type: 'string' },
      bucket: { type: 'string' },
      key: { type: 'string' },
      data: { type: 'string', default: '.mailwright' },
    },
    strict: true,
  });
  const fromS3 = values.bucket !== undefined && values.key !== undefined;
  if (!values.user || fromS3 === (values.file !== undefined)) {
    console.error(USAGE);
    return 2;
  }
  const opened = await openLocalData(values.data);
  if (!opened) return 1;
  const { wiring, engines, settings } = opened;
  const s3 = s3LocalClient(engines.s3Endpoint, settings.region);
  try {
    const mailbox = await findMailbox(wiring.deps, values.user);
    const zip: ZipEntries = fromS3
      ? s3ZipEntries(s3, values.bucket!, values.key!)
      : fileZipEntries(values.file!);
    const { model, store, quotaBytes } = wiring.mail;
    const result = await importMailboxZip(
      { model, store: { mailboxes: wiring.mailboxes, store, quotaBytes } },
      mailbox,
      zip,
    );
    out.write(
      `${result.messages} messages in the mailbox from ${result.entries} entries (${result.skipped} skipped)\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof MailboxLookupError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    s3.destroy();
    await opened.close();
  }
}

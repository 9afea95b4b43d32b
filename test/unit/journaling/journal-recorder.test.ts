import { randomBytes } from 'node:crypto';
import { JournalRecorder } from '../../../lambdas/core/journaling/journal-recorder';
import type { PendingJournalRecord } from '../../../lambdas/core/journaling/ports';
import type { JournalingConfiguration } from '../../../lambdas/core/journaling/types';
import { journalReportKey } from '../../../lambdas/core/journaling/report-mac';

const key = journalReportKey(randomBytes(32));
const raw = Buffer.from(
  'From: Ana <ana@outside.example>\r\nTo: bo@acme.example\r\nCc: "Cy" <cy@acme.example>, dan@outside.example\r\n' +
    'Subject: =?UTF-8?B?Q2Fmw6k=?=\r\nMessage-ID: <m1@outside.example>\r\n\r\nbody\r\n',
);

function recorder(configuration?: JournalingConfiguration, alias: string | null = 'acme') {
  const records: PendingJournalRecord[] = [];
  const contents = new Map<string, Buffer>();
  const journal = new JournalRecorder({
    configurations: { get: async () => configuration },
    outbox: { create: async (record) => (records.push(record), true) },
    contents: { put: async (contentKey, content) => void contents.set(contentKey, content) },
    organizationAlias: async () => alias ?? undefined,
    testDomainSuffix: 'mailwright.test',
    macKey: async () => key,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    now: () => 1000,
  });
  return { journal, records, contents };
}

const on: JournalingConfiguration = {
  organizationId: 'm-1',
  status: 'ENABLED',
  journalingAddress: 'archive@vault.example',
  reportAddress: 'admin@acme.example',
  updatedAt: 0,
};
const message = {
  direction: 'inbound',
  organizationId: 'm-1',
  messageId: 'ses-1',
  raw,
  recipients: [],
} as const;

describe('JournalRecorder', () => {
  it('tells whether the organization journals', async () => {
    expect(await recorder(on).journal.journals('m-1')).toBe(true);
    expect(await recorder({ ...on, status: 'DISABLED' }).journal.journals('m-1')).toBe(false);
    expect(await recorder(undefined).journal.journals('m-1')).toBe(false);
  });

  it('recognises only a record it signed itself, naming the address it was signed for', async () => {
    const { journal, contents } = recorder(on);
    await journal.record({ ...message, envelopeFrom: '' });
    const report = [...contents.values()][0];

    expect(await journal.ownRecordAddress(report)).toBe('archive@vault.example');
    expect(await journal.ownRecordAddress(raw)).toBeUndefined();
    expect(
      await journal.ownRecordAddress(
        Buffer.from(report.toString('latin1').replace('body', 'Body'), 'latin1'),
      ),
    ).toBeUndefined();
  });

  it('takes the sender from From: for the null sender, decodes the subject and lists Cc as addressed', async () => {
    const { journal, records, contents } = recorder(on);
    const recordId = await journal.record({
      ...message,
      envelopeFrom: '',
      recipients: [{ address: 'bo@acme.example', inOrganization: true }],
    });

    expect(records).toEqual([
      expect.objectContaining({
        recordId,
        from: 'amazonjournaling@acme.mailwright.test',
        originalSender: 'ana@outside.example',
        originalMessageId: '<m1@outside.example>',
        contentKey: `m-1/${recordId}`,
        createdAt: 1000,
        nextAttemptAt: 1000,
        attempts: 0,
      }),
    ]);
    const text = contents.get(`m-1/${recordId}`)!.toString('utf8');
    expect(text).toContain(
      'Sender: ana@outside.example\r\nSubject: Café\r\nMessage-ID: <m1@outside.example>\r\n' +
        'To: bo@acme.example\r\nCc: cy@acme.example\r\nCc: dan@outside.example\r\n',
    );
  });

  it('produces nothing for an organization that is gone', async () => {
    const { journal, records } = recorder(on, null);
    expect(await journal.record({ ...message, envelopeFrom: 'x@y.example' })).toBeUndefined();
    expect(records).toEqual([]);
  });
});

import type { Operation } from '../../lambdas/core/api/operation';
import { verifyJournalReport } from '../../lambdas/core/api/operations/journaling';
import { createOrganization } from '../../lambdas/core/api/operations/organizations';
import { buildJournalReport } from '../../lambdas/core/journaling/report-format';
import { journalReportKey, sha256, signJournalReport } from '../../lambdas/core/journaling/report-mac';
import { createTestApiDeps, type TestApiDeps } from '../support/api-deps';

const op = verifyJournalReport as unknown as Operation;
const original = Buffer.from('From: a@outside.example\r\nSubject: s\r\n\r\nbody\r\n');

describe('Operation: VerifyJournalReport (DynamoDB Local)', () => {
  let api: TestApiDeps;
  let organizationId: string;
  let report: Buffer;
  const verify = (Report: string, principal?: Parameters<TestApiDeps['call']>[2]) =>
    api.call<Record<string, unknown>>(op, { OrganizationId: organizationId, Report }, principal);

  beforeAll(async () => {
    const deploymentKey = Buffer.alloc(32, 7);
    api = await createTestApiDeps({ journalReportKey: async () => journalReportKey(deploymentKey) });
    organizationId = (
      await api.call<{ OrganizationId: string }>(createOrganization as unknown as Operation, {
        Alias: `vjr${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      })
    ).OrganizationId;
    const signature = signJournalReport(journalReportKey(deploymentKey), {
      recordId: 'j1',
      journalingAddress: 'archive@vault.example',
      originalSha256: sha256(original),
    });
    report = buildJournalReport(
      {
        from: 'amazonjournaling@x.mailwright.test',
        to: 'archive@vault.example',
        recordId: 'j1',
        signature,
        date: 0,
      },
      { sender: 'a@outside.example', subject: 's', messageId: '', recipients: [] },
      original,
    );
  });

  it('confirms a record this deployment signed, naming its id and journaling address', async () => {
    expect(await verify(report.toString('base64'))).toEqual({
      Valid: true,
      RecordId: 'j1',
      JournalingEmailAddress: 'archive@vault.example',
    });
  });

  it('says why a changed or forged record is not genuine', async () => {
    const changed = Buffer.from(report.toString('latin1').replace('body', 'BODY'), 'latin1');
    expect(await verify(changed.toString('base64'))).toEqual({ Valid: false, Reason: 'ORIGINAL_CHANGED' });
    const forged = Buffer.from(
      report.toString('latin1').replace(/mac=[\w-]+/, `mac=${'A'.repeat(43)}`),
      'latin1',
    );
    expect(await verify(forged.toString('base64'))).toEqual({ Valid: false, Reason: 'BAD_SIGNATURE' });
    expect(await verify(original.toString('base64'))).toEqual({ Valid: false, Reason: 'MALFORMED' });
  });

  it("refuses a report that is not base64, and another organization's caller", async () => {
    await expect(verify('not base64!')).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      verify(report.toString('base64'), {
        accessKeyId: 'AKIDSCOPED',
        organizations: ['m-00000000000000000000000000000000'],
      }),
    ).rejects.toMatchObject({ name: 'OrganizationNotFoundException' });
  });
});

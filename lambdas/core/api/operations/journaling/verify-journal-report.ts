import { Type } from '@sinclair/typebox';
import { requireOrganization } from '../../../directory/guards';
import { verifyJournalReport as verifyReport } from '../../../journaling/verify-report';
import { InvalidParameterException } from '../../errors';
import { defineOperation } from '../../operation';
import { OrganizationId } from '../../shapes';

/** Base64 of at most 4 MB of report (the API's request limit leaves room for the rest of the body). */
const MAX_REPORT_BASE64 = Math.ceil((4 * 1024 * 1024) / 3) * 4;

/**
 * MailwrightService.VerifyJournalReport: tells an admin or an archive whether a journal record really comes from this
 * deployment and is unchanged. The MAC key never leaves Mailwright, so this is how a record is verified.
 */
export const verifyJournalReport = defineOperation({
  name: 'VerifyJournalReport',
  service: 'MailwrightService',
  summary:
    'Checks the X-WM-Journal-Report header of a journal record (the whole message, base64) against the original ' +
    'attached to it; returns whether it is genuine, and the record id and journaling address it names.',
  input: Type.Object({
    OrganizationId,
    Report: Type.String({ minLength: 1, maxLength: MAX_REPORT_BASE64, contentEncoding: 'base64' }),
  }),
  output: Type.Object({
    Valid: Type.Boolean(),
    RecordId: Type.Optional(Type.String()),
    JournalingEmailAddress: Type.Optional(Type.String()),
    Reason: Type.Optional(
      Type.Union([
        Type.Literal('MALFORMED'),
        Type.Literal('ORIGINAL_CHANGED'),
        Type.Literal('BAD_SIGNATURE'),
      ]),
    ),
  }),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/journal-report-verifications' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId, { mustBeActive: false });
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.Report) || input.Report.length % 4 !== 0)
      throw new InvalidParameterException('Report must be the journal record, base64-encoded.');
    const result = verifyReport(await deps.journalReportKey(), Buffer.from(input.Report, 'base64'));
    if (result.valid)
      return { Valid: true, RecordId: result.recordId, JournalingEmailAddress: result.journalingAddress };
    const reasons = {
      malformed: 'MALFORMED',
      'original-changed': 'ORIGINAL_CHANGED',
      'bad-mac': 'BAD_SIGNATURE',
    } as const;
    return { Valid: false, Reason: reasons[result.reason] };
  },
});

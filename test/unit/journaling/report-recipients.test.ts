import { journalRecipients } from '../../../lambdas/core/journaling/report-recipients';
import { journalRecordId } from '../../../lambdas/core/journaling/record-id';

describe('journalRecipients', () => {
  const addressed = { to: ['Team@Acme.example', 'friend@outside.example'], cc: ['cy@acme.example'] };

  it('lists inbound group members as expanded, Cc as Cc, and Bcc only for recipients in the organization', () => {
    expect(
      journalRecipients('inbound', addressed, [
        { address: 'bo@acme.example', expandedFrom: 'team@acme.example', inOrganization: true },
        { address: 'di@acme.example', expandedFrom: 'team@acme.example', inOrganization: true },
        { address: 'cy@acme.example', inOrganization: true },
        { address: 'hidden@acme.example', inOrganization: true },
        { address: 'hidden@elsewhere.example', inOrganization: false },
      ]),
    ).toEqual([
      { kind: 'To', address: 'bo@acme.example', expanded: 'team@acme.example' },
      { kind: 'To', address: 'di@acme.example', expanded: 'team@acme.example' },
      { kind: 'Cc', address: 'cy@acme.example' },
      { kind: 'Bcc', address: 'hidden@acme.example' },
      { kind: 'To', address: 'friend@outside.example' },
    ]);
  });

  it('lists every outbound Bcc recipient, inside the organization or not, once', () => {
    expect(
      journalRecipients('outbound', { to: ['friend@outside.example'], cc: [] }, [
        { address: 'friend@outside.example', inOrganization: false },
        { address: 'secret@outside.example', inOrganization: false },
        { address: 'Secret@outside.example', inOrganization: false },
        { address: 'boss@acme.example', inOrganization: true },
      ]),
    ).toEqual([
      { kind: 'To', address: 'friend@outside.example' },
      { kind: 'Bcc', address: 'secret@outside.example' },
      { kind: 'Bcc', address: 'boss@acme.example' },
    ]);
  });
});

describe('journalRecordId', () => {
  it('names one record per direction, organization and message, the same on every replay', () => {
    const id = journalRecordId('inbound', 'm-1', 'ses-1');
    expect(id).toMatch(/^j[0-9a-f]{32}$/);
    expect(journalRecordId('inbound', 'm-1', 'ses-1')).toBe(id);
    expect(
      new Set([
        id,
        journalRecordId('outbound', 'm-1', 'ses-1'),
        journalRecordId('inbound', 'm-2', 'ses-1'),
        journalRecordId('inbound', 'm-1', 'ses-2'),
      ]).size,
    ).toBe(4);
  });
});

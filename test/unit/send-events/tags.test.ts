import { readSendEventTags, sendEventTags } from '../../../lambdas/core/send-events';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const MAILBOX = 'a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d';

describe('Send events: message tags', () => {
  it('names the organization and the mailbox by id', () => {
    expect(sendEventTags({ organizationId: ORG, mailboxId: MAILBOX })).toEqual([
      { name: 'mailwright-organization', value: ORG },
      { name: 'mailwright-mailbox', value: MAILBOX },
    ]);
  });

  it('sets no tags when an id holds characters SES refuses in a tag (an address, a dot)', () => {
    expect(sendEventTags({ organizationId: ORG, mailboxId: 'ana@example.com' })).toEqual([]);
    expect(sendEventTags({ organizationId: 'm.1', mailboxId: MAILBOX })).toEqual([]);
    expect(sendEventTags({ organizationId: ORG, mailboxId: 'x'.repeat(257) })).toEqual([]);
  });

  it('reads back the ids it wrote, among SES’s own tags', () => {
    const tags = {
      'ses:configuration-set': ['ConfigSet'],
      ...Object.fromEntries(
        sendEventTags({ organizationId: ORG, mailboxId: MAILBOX }).map((t) => [t.name, [t.value]]),
      ),
    };

    expect(readSendEventTags(tags)).toEqual({ organizationId: ORG, mailboxId: MAILBOX });
  });

  it('names the submission too when there is one, and reads it back', () => {
    const tags = sendEventTags({ organizationId: ORG, mailboxId: MAILBOX, submissionId: 'k3x9a' });

    expect(tags).toContainEqual({ name: 'mailwright-submission', value: 'k3x9a' });
    expect(readSendEventTags(Object.fromEntries(tags.map((t) => [t.name, [t.value]])))).toEqual({
      organizationId: ORG,
      mailboxId: MAILBOX,
      submissionId: 'k3x9a',
    });
  });

  it('reads nothing from a missing, repeated or malformed tag', () => {
    const org = { 'mailwright-organization': [ORG] };

    expect(readSendEventTags(org)).toBeUndefined();
    expect(readSendEventTags({ ...org, 'mailwright-mailbox': [MAILBOX, 'other'] })).toBeUndefined();
    expect(readSendEventTags({ ...org, 'mailwright-mailbox': ['ana@example.com'] })).toBeUndefined();
    expect(readSendEventTags({ ...org, 'mailwright-mailbox': [] })).toBeUndefined();
  });
});

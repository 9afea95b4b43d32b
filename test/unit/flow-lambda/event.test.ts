import {
  MAX_EVENT_BYTES,
  buildLambdaEvent,
  deriveInvocationId,
  eventBytes,
  type LambdaEventInput,
} from '../../../lambdas/core/flow-lambda';

const ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:scan';
const base: LambdaEventInput = {
  messageId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  flowDirection: 'INBOUND',
  mailFrom: 'from@example.com',
  recipients: ['recipient1@org.example', 'recipient2@org.example'],
  subject: 'Hello From Amazon WorkMail!',
  organizationDomains: ['org.example'],
  functionArn: ARN,
  ruleName: 'scan',
};

describe('buildLambdaEvent', () => {
  it('builds exactly the documented event shape', () => {
    const event = buildLambdaEvent(base);

    expect(event).toStrictEqual({
      summaryVersion: '2018-10-10',
      envelope: {
        mailFrom: { address: 'from@example.com' },
        recipients: [{ address: 'recipient1@org.example' }, { address: 'recipient2@org.example' }],
      },
      subject: 'Hello From Amazon WorkMail!',
      messageId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
      invocationId: deriveInvocationId(base.messageId, ARN, 'scan'),
      flowDirection: 'INBOUND',
      truncated: false,
    });
    expect(Object.keys(event)).toEqual([
      'summaryVersion',
      'envelope',
      'subject',
      'messageId',
      'invocationId',
      'flowDirection',
      'truncated',
    ]);
    expect(event.invocationId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('adds a top-level sender only for mail sent on behalf of someone else', () => {
    const onBehalf = buildLambdaEvent({ ...base, sender: 'assistant@org.example' });
    const same = buildLambdaEvent({ ...base, sender: 'FROM@example.com' });

    expect(onBehalf.sender).toEqual({ address: 'assistant@org.example' });
    expect(Object.keys(onBehalf).indexOf('sender')).toBe(2);
    expect('sender' in same).toBe(false);
  });

  it('truncates the subject at 256 characters without splitting a surrogate pair', () => {
    const event = buildLambdaEvent({ ...base, subject: `${'a'.repeat(255)}😀😀tail` });

    expect(Array.from(event.subject)).toHaveLength(256);
    expect(event.subject.endsWith('a😀')).toBe(true);
    expect(event.truncated).toBe(false);
  });

  it('keeps a subject of exactly 256 characters unchanged', () => {
    expect(buildLambdaEvent({ ...base, subject: 'b'.repeat(256) }).subject).toBe('b'.repeat(256));
  });

  it('lists only recipients in the organization domains for inbound mail', () => {
    const event = buildLambdaEvent({
      ...base,
      recipients: ['a@org.example', 'b@elsewhere.example', 'C@ORG.EXAMPLE', 'd@sub.org.example'],
    });

    expect(event.envelope.recipients).toEqual([{ address: 'a@org.example' }, { address: 'C@ORG.EXAMPLE' }]);
  });

  it('keeps recipients of any of the organization domains, whatever their case', () => {
    const event = buildLambdaEvent({
      ...base,
      organizationDomains: ['org.example', 'Other.Example'],
      recipients: ['a@other.example', 'b@org.example', 'c@third.example'],
    });

    expect(event.envelope.recipients).toEqual([{ address: 'a@other.example' }, { address: 'b@org.example' }]);
  });

  it('keeps a recipient whose truncated event is exactly 128 KB', () => {
    const huge = `${'h'.repeat(MAX_EVENT_BYTES)}@org.example`;
    const template = buildLambdaEvent({ ...base, recipients: ['a@org.example', huge] });
    const fitting = `a${'x'.repeat(MAX_EVENT_BYTES - eventBytes(template))}@org.example`;

    const event = buildLambdaEvent({ ...base, recipients: [fitting, huge] });

    expect([eventBytes(event), event.truncated]).toEqual([MAX_EVENT_BYTES, true]);
    expect(event.envelope.recipients).toEqual([{ address: fitting }]);
  });

  it('lists every recipient for outbound mail', () => {
    const event = buildLambdaEvent({
      ...base,
      flowDirection: 'OUTBOUND',
      recipients: ['x@elsewhere.example', 'a@org.example'],
    });

    expect(event.envelope.recipients).toHaveLength(2);
    expect(event.flowDirection).toBe('OUTBOUND');
  });

  it('derives the same invocation id for every retry and a different one per rule or message', () => {
    const first = buildLambdaEvent(base).invocationId;

    expect(buildLambdaEvent(base).invocationId).toBe(first);
    expect(buildLambdaEvent({ ...base, ruleName: 'other' }).invocationId).not.toBe(first);
    expect(buildLambdaEvent({ ...base, messageId: 'abc' }).invocationId).not.toBe(first);
  });

  it('cuts the recipient list to the largest prefix that fits in 128 KB and sets truncated', () => {
    const recipients = Array.from(
      { length: 5000 },
      (_, i) => `user-${String(i).padStart(5, '0')}@org.example`,
    );

    const event = buildLambdaEvent({ ...base, recipients });

    expect(event.truncated).toBe(true);
    expect(eventBytes(event)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    const kept = event.envelope.recipients.length;
    expect(event.envelope.recipients.map((r) => r.address)).toEqual(recipients.slice(0, kept));
    const oneMore = {
      ...event,
      envelope: {
        ...event.envelope,
        recipients: recipients.slice(0, kept + 1).map((address) => ({ address })),
      },
    };
    expect(eventBytes(oneMore)).toBeGreaterThan(MAX_EVENT_BYTES);
  });

  it('does not truncate an event of exactly 128 KB', () => {
    const template = buildLambdaEvent({ ...base, recipients: ['a@org.example'] });
    const padding = MAX_EVENT_BYTES - eventBytes(template);
    const local = `${'x'.repeat(padding + 1)}`;
    const event = buildLambdaEvent({ ...base, recipients: [`${local}@org.example`] });

    expect(eventBytes(event)).toBe(MAX_EVENT_BYTES);
    expect(event.truncated).toBe(false);
  });

  it('counts bytes, not characters, against the 128 KB limit', () => {
    const recipients = Array.from({ length: 900 }, (_, i) => `ü${'é'.repeat(60)}${i}@org.example`);

    const event = buildLambdaEvent({ ...base, recipients });

    expect(event.truncated).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThanOrEqual(MAX_EVENT_BYTES);
  });
});

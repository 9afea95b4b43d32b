import { readSendEvent } from '../../../lambdas/core/send-events';
import { BOUNCE, COMPLAINT, DELIVERY_DELAY } from './ses-events';

describe('Send events: readSendEvent', () => {
  it('reads the documented Bounce record', () => {
    const event = readSendEvent(JSON.stringify(BOUNCE));

    expect(event).toEqual({
      eventType: 'Bounce',
      mail: {
        messageId: 'EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000',
        timestamp: '2017-08-05T00:40:02.012Z',
        headers: BOUNCE.mail.headers,
        subject: 'Message sent from Amazon SES',
        tags: BOUNCE.mail.tags,
      },
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [
          {
            emailAddress: 'recipient@example.com',
            status: '5.1.1',
            diagnosticCode: 'smtp; 550 5.1.1 user unknown',
          },
        ],
        feedbackId: '01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000',
      },
    });
  });

  it('reads the documented Complaint and DeliveryDelay records', () => {
    expect(readSendEvent(JSON.stringify(COMPLAINT))).toMatchObject({
      eventType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: 'recipient@example.com' }],
        complaintFeedbackType: 'abuse',
      },
    });
    expect(readSendEvent(JSON.stringify(DELIVERY_DELAY))).toMatchObject({
      eventType: 'DeliveryDelay',
      mail: { headers: [], tags: { 'ses:configuration-set': ['ConfigSet'] } },
      deliveryDelay: {
        delayType: 'TransientCommunicationFailure',
        timestamp: '2020-06-16T00:25:40.095Z',
        expirationTime: '2020-06-16T00:25:40.914Z',
        delayedRecipients: [{ emailAddress: 'recipient@example.com', status: '4.4.1' }],
      },
    });
  });

  it('reads nothing from text that is not JSON, another event type, or an event without its parts', () => {
    const { bounce: _bounce, ...withoutBounce } = BOUNCE;
    const withoutId = { ...BOUNCE, mail: { ...BOUNCE.mail, messageId: undefined } };

    for (const text of [
      'not json',
      '[1]',
      'null',
      JSON.stringify({ ...BOUNCE, eventType: 'Delivery' }),
      JSON.stringify(withoutBounce),
      JSON.stringify(withoutId),
      JSON.stringify({ ...BOUNCE, mail: 'x' }),
    ])
      expect(readSendEvent(text)).toBeUndefined();
  });

  it('skips recipients and headers it cannot use and keeps at most 100 headers', () => {
    const event = readSendEvent(
      JSON.stringify({
        ...BOUNCE,
        bounce: {
          ...BOUNCE.bounce,
          bouncedRecipients: [{ status: '5.1.1' }, 'x', { emailAddress: 'a@b.example' }],
        },
        mail: {
          ...BOUNCE.mail,
          headers: [
            { name: 'X' },
            ...Array.from({ length: 150 }, (_, i) => ({ name: `X-${i}`, value: 'v' })),
          ],
          tags: { 'ses:source-ip': 'not a list' },
        },
      }).replace('"tags":{', '"tags":{"__proto__":["a"],'),
    );

    expect(event?.eventType === 'Bounce' && event.bounce.bouncedRecipients).toEqual([
      { emailAddress: 'a@b.example', status: undefined, diagnosticCode: undefined },
    ]);
    expect(event?.mail.headers).toHaveLength(99);
    // A tag named __proto__ stays a tag and does not become the object's prototype.
    expect(Object.getPrototypeOf(event?.mail.tags)).toBe(Object.prototype);
    expect(Object.keys(event?.mail.tags ?? {})).toEqual(['__proto__']);
  });
});

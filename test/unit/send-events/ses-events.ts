/**
 * SES sending event records as AWS documents them ("Examples of event data that Amazon SES publishes to Amazon
 * SNS", Amazon SES Developer Guide), with Mailwright's message tags added where a test needs them.
 */

/** The `mail` object of the documented Bounce and Complaint records. */
const documentedMail = (timestamp: string) => ({
  timestamp,
  source: 'Sender Name <sender@example.com>',
  sourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/sender@example.com',
  sendingAccountId: '123456789012',
  messageId: 'EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000',
  destination: ['recipient@example.com'],
  headersTruncated: false,
  headers: [
    { name: 'From', value: 'Sender Name <sender@example.com>' },
    { name: 'To', value: 'recipient@example.com' },
    { name: 'Subject', value: 'Message sent from Amazon SES' },
    { name: 'MIME-Version', value: '1.0' },
    {
      name: 'Content-Type',
      value: 'multipart/alternative; boundary="----=_Part_7307378_1629847660.1516840721503"',
    },
  ],
  commonHeaders: {
    from: ['Sender Name <sender@example.com>'],
    to: ['recipient@example.com'],
    messageId: 'EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000',
    subject: 'Message sent from Amazon SES',
  },
  tags: {
    'ses:configuration-set': ['ConfigSet'],
    'ses:source-ip': ['192.0.2.0'],
    'ses:from-domain': ['example.com'],
    'ses:caller-identity': ['ses_user'],
  },
});

/** The documented Bounce record. */
export const BOUNCE = {
  eventType: 'Bounce',
  bounce: {
    bounceType: 'Permanent',
    bounceSubType: 'General',
    bouncedRecipients: [
      {
        emailAddress: 'recipient@example.com',
        action: 'failed',
        status: '5.1.1',
        diagnosticCode: 'smtp; 550 5.1.1 user unknown',
      },
    ],
    timestamp: '2017-08-05T00:41:02.669Z',
    feedbackId: '01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000',
    reportingMTA: 'dsn; mta.example.com',
  },
  mail: documentedMail('2017-08-05T00:40:02.012Z'),
};

/** The documented Delivery record. */
export const DELIVERY = {
  eventType: 'Delivery',
  mail: documentedMail('2016-10-19T23:20:52.240Z'),
  delivery: {
    timestamp: '2016-10-19T23:21:04.133Z',
    processingTimeMillis: 11893,
    recipients: ['recipient@example.com'],
    smtpResponse: '250 2.6.0 Message received',
    reportingMTA: 'mta.example.com',
  },
};

/** The documented Complaint record. */
export const COMPLAINT = {
  eventType: 'Complaint',
  complaint: {
    complainedRecipients: [{ emailAddress: 'recipient@example.com' }],
    timestamp: '2017-08-05T00:41:02.669Z',
    feedbackId: '01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/60.0.3112.90 Safari/537.36',
    complaintFeedbackType: 'abuse',
    arrivalDate: '2017-08-05T00:41:02.669Z',
  },
  mail: documentedMail('2017-08-05T00:40:01.123Z'),
};

/** The documented DeliveryDelay record (its `mail` has no headers). */
export const DELIVERY_DELAY = {
  eventType: 'DeliveryDelay',
  mail: {
    timestamp: '2020-06-16T00:15:40.641Z',
    source: 'sender@example.com',
    sourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/sender@example.com',
    sendingAccountId: '123456789012',
    messageId: 'EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000',
    destination: ['recipient@example.com'],
    headersTruncated: false,
    tags: { 'ses:configuration-set': ['ConfigSet'] },
  },
  deliveryDelay: {
    timestamp: '2020-06-16T00:25:40.095Z',
    delayType: 'TransientCommunicationFailure',
    expirationTime: '2020-06-16T00:25:40.914Z',
    delayedRecipients: [
      {
        emailAddress: 'recipient@example.com',
        status: '4.4.1',
        diagnosticCode: 'smtp; 421 4.4.1 Unable to connect to remote host',
      },
    ],
  },
};

type Event = typeof BOUNCE | typeof COMPLAINT | typeof DELIVERY_DELAY | typeof DELIVERY;

/**
 * The event with Mailwright's message tags added (what SES publishes for a send that carried them), as SNS's
 * message text.
 * @example
 * tagged(BOUNCE, { organizationId: ORG, mailboxId: ANA });
 */
export function tagged<E extends Event>(
  event: E,
  origin: { organizationId: string; mailboxId: string },
  change: (copy: E) => void = () => undefined,
): string {
  const copy = structuredClone(event);
  Object.assign(copy.mail.tags, {
    'mailwright-organization': [origin.organizationId],
    'mailwright-mailbox': [origin.mailboxId],
  });
  change(copy);
  return JSON.stringify(copy);
}

/** An SNS event as Lambda receives it from a topic, around SES's message text. */
export function snsEvent(...messages: string[]) {
  return {
    Records: messages.map((message, index) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:eu-west-1:123456789012:SendEvents:1b2c',
      Sns: {
        Type: 'Notification',
        MessageId: `95df01b4-ee98-5cb9-9903-4c221d41eb5${index}`,
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:SendEvents',
        Subject: null,
        Message: message,
        Timestamp: '2017-08-05T00:41:03.000Z',
      },
    })),
  };
}

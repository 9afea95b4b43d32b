import type { SesEventRecipient, SesHeader, SesSendEvent, SesSentMail } from './types';

/** Original headers kept of an event (SES quotes at most about 10 KB of them; the report quotes five). */
const MAX_HEADERS = 100;
/** Recipients kept of an event (a send has at most 50). */
const MAX_RECIPIENTS = 50;

type Json = Record<string, unknown>;

/**
 * Reads an SES sending event from an SNS message's text, checking the shape of everything Mailwright uses: a Delivery,
 * Bounce, Complaint or DeliveryDelay event with its `mail` object and recipients. Unknown fields are dropped and unusable
 * entries skipped.
 * @returns the event, or `undefined` when the text is not such an event
 * @example
 * const event = readSendEvent(record.Sns.Message);
 */
export function readSendEvent(text: string): SesSendEvent | undefined {
  const root = parse(text);
  const mail = readMail(root?.mail);
  if (!root || !mail) return undefined;
  if (root.eventType === 'Delivery' && isObject(root.delivery)) {
    const delivered = Array.isArray(root.delivery.recipients) ? root.delivery.recipients : [];
    return {
      eventType: 'Delivery',
      mail,
      delivery: {
        recipients: delivered
          .filter((item: unknown): item is string => typeof item === 'string')
          .slice(0, MAX_RECIPIENTS),
        timestamp: stringOf(root.delivery.timestamp),
      },
    };
  }
  if (root.eventType === 'Bounce' && isObject(root.bounce)) {
    const bounce = root.bounce;
    return {
      eventType: 'Bounce',
      mail,
      bounce: {
        bounceType: stringOf(bounce.bounceType) ?? 'Undetermined',
        bounceSubType: stringOf(bounce.bounceSubType),
        bouncedRecipients: recipients(bounce.bouncedRecipients),
        feedbackId: stringOf(bounce.feedbackId),
      },
    };
  }
  if (root.eventType === 'Complaint' && isObject(root.complaint)) {
    const complaint = root.complaint;
    return {
      eventType: 'Complaint',
      mail,
      complaint: {
        complainedRecipients: recipients(complaint.complainedRecipients),
        complaintFeedbackType: stringOf(complaint.complaintFeedbackType),
        feedbackId: stringOf(complaint.feedbackId),
      },
    };
  }
  if (root.eventType === 'DeliveryDelay' && isObject(root.deliveryDelay)) {
    const delay = root.deliveryDelay;
    return {
      eventType: 'DeliveryDelay',
      mail,
      deliveryDelay: {
        delayType: stringOf(delay.delayType),
        delayedRecipients: recipients(delay.delayedRecipients),
        timestamp: stringOf(delay.timestamp),
        expirationTime: stringOf(delay.expirationTime),
      },
    };
  }
  return undefined;
}

function parse(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return undefined;
  }
}

function readMail(value: unknown): SesSentMail | undefined {
  if (!isObject(value)) return undefined;
  const messageId = stringOf(value.messageId);
  if (!messageId) return undefined;
  const headers: SesHeader[] = (Array.isArray(value.headers) ? value.headers : [])
    .slice(0, MAX_HEADERS)
    .flatMap((header: unknown) => {
      const name = isObject(header) ? stringOf(header.name) : undefined;
      const text = isObject(header) ? stringOf(header.value) : undefined;
      return name !== undefined && text !== undefined ? [{ name, value: text }] : [];
    });
  const common = isObject(value.commonHeaders) ? value.commonHeaders : {};
  // fromEntries defines own properties, so a tag named `__proto__` stays a tag.
  const tags = Object.fromEntries(
    Object.entries(isObject(value.tags) ? value.tags : {}).flatMap(([name, values]) =>
      Array.isArray(values) ? [[name, values.filter((item) => typeof item === 'string')]] : [],
    ),
  ) as Record<string, string[]>;
  return {
    messageId,
    timestamp: stringOf(value.timestamp),
    headers,
    subject: stringOf(common.subject),
    tags,
  };
}

function recipients(value: unknown): SesEventRecipient[] {
  return (Array.isArray(value) ? value : []).slice(0, MAX_RECIPIENTS).flatMap((item: unknown) => {
    const emailAddress = isObject(item) ? stringOf(item.emailAddress) : undefined;
    if (!isObject(item) || !emailAddress) return [];
    return [{ emailAddress, status: stringOf(item.status), diagnosticCode: stringOf(item.diagnosticCode) }];
  });
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

import {
  assertEmailProperties,
  DEFAULT_BODY_PROPERTIES,
  DEFAULT_EMAIL_GET_PROPERTIES,
  DEFAULT_EMAIL_PARSE_PROPERTIES,
  isFormAllowed,
  parseHeaderProperty,
} from '../../../../../lambdas/http/jmap/mail';
import { JmapMethodError } from '../../../../../lambdas/http/jmap';

function refusal(properties: unknown, bodyProperties?: unknown): JmapMethodError | undefined {
  try {
    assertEmailProperties(properties, bodyProperties);
    return undefined;
  } catch (error) {
    return error as JmapMethodError;
  }
}

describe('parseHeaderProperty', () => {
  it('reads the name, form and :all suffix', () => {
    expect(parseHeaderProperty('header:Subject')).toEqual({ name: 'Subject', form: 'Raw', all: false });
    expect(parseHeaderProperty('header:Resent-To:asAddresses:all')).toEqual({
      name: 'Resent-To',
      form: 'Addresses',
      all: true,
    });
    expect(parseHeaderProperty('header:X-Seen:all')).toEqual({ name: 'X-Seen', form: 'Raw', all: true });
  });

  it('is undefined for a property that is not a header property', () => {
    expect(parseHeaderProperty('subject')).toBeUndefined();
  });

  it.each([
    ['header:', 'an empty name'],
    ['header:Sub ject', 'a space in the name'],
    ['header:Subject:asSubject', 'an unknown form'],
    ['header:Subject:astext', 'a form in the wrong case'],
    ['header:Subject:all:asText', 'suffixes in the wrong order'],
    ['header:Subject:asText:all:all', 'an extra suffix'],
    ['header:From:asDate', 'a form the field does not allow'],
  ])('describes the problem with %j (%s)', (property) => {
    expect(parseHeaderProperty(property)).toEqual(expect.stringContaining(property));
  });
});

describe('isFormAllowed', () => {
  it.each([
    ['Subject', 'Text'],
    ['Comments', 'Text'],
    ['Keywords', 'Text'],
    ['List-Id', 'Text'],
    ['resent-reply-to', 'GroupedAddresses'],
    ['References', 'MessageIds'],
    ['Resent-Date', 'Date'],
    ['List-Archive', 'URLs'],
    ['Received', 'Raw'],
    ['X-Anything', 'Date'],
    ['Content-Type', 'Addresses'],
  ] as const)('allows %s as %s', (name, form) => {
    expect(isFormAllowed(name, form)).toBe(true);
  });

  it.each([
    ['From', 'Text'],
    ['Subject', 'Addresses'],
    ['Date', 'MessageIds'],
    ['Message-ID', 'Date'],
    ['To', 'URLs'],
    ['List-Post', 'Text'],
    ['Received', 'Text'],
    ['Return-Path', 'Addresses'],
  ] as const)('forbids %s as %s (RFC 5322 and RFC 2369 fields)', (name, form) => {
    expect(isFormAllowed(name, form)).toBe(false);
  });
});

describe('assertEmailProperties', () => {
  it('accepts known properties, valid header properties and null (the defaults)', () => {
    expect(
      refusal(
        ['id', 'subject', 'header:List-Post:asURLs'],
        ['partId', 'subParts', 'header:Content-Type:asText'],
      ),
    ).toBeUndefined();
    expect(refusal(null, undefined)).toBeUndefined();
  });

  it('refuses with invalidArguments, naming the property', () => {
    expect(refusal(['subject', 'header:From:asDate'])?.toArguments()).toEqual({
      type: 'invalidArguments',
      description: 'header:From:asDate: the Date form is not allowed on From',
    });
    expect(refusal(['subjects'])?.toArguments()).toEqual({
      type: 'invalidArguments',
      description: 'properties: unknown property subjects',
    });
    expect(refusal(undefined, ['partId', 'preview'])?.description).toBe(
      'bodyProperties: unknown property preview',
    );
  });

  it('refuses arguments of the wrong type', () => {
    expect(refusal('subject')?.description).toBe('properties must be an array or null');
    expect(refusal([42])?.description).toBe('properties must be strings');
  });
});

describe('default properties', () => {
  it('of bodyProperties and Email/parse are the lists of RFC 8621 §4.2 and §4.9', () => {
    expect(DEFAULT_BODY_PROPERTIES).toEqual([
      'partId',
      'blobId',
      'size',
      'name',
      'type',
      'charset',
      'disposition',
      'cid',
      'language',
      'location',
    ]);
    expect(DEFAULT_EMAIL_PARSE_PROPERTIES).toEqual([
      'messageId',
      'inReplyTo',
      'references',
      'sender',
      'from',
      'to',
      'cc',
      'bcc',
      'replyTo',
      'subject',
      'sentAt',
      'hasAttachment',
      'preview',
      'bodyValues',
      'textBody',
      'htmlBody',
      'attachments',
    ]);
  });

  it('of Email/get are the list of RFC 8621 §4.2', () => {
    expect(DEFAULT_EMAIL_GET_PROPERTIES).toEqual([
      'id',
      'blobId',
      'threadId',
      'mailboxIds',
      'keywords',
      'size',
      'receivedAt',
      'messageId',
      'inReplyTo',
      'references',
      'sender',
      'from',
      'to',
      'cc',
      'bcc',
      'replyTo',
      'subject',
      'sentAt',
      'hasAttachment',
      'preview',
      'bodyValues',
      'textBody',
      'htmlBody',
      'attachments',
    ]);
  });
});

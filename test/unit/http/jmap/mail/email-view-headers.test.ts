import { emailView } from '../../../../../lambdas/http/jmap/mail';
import { loadEml } from '../../../../fixtures/mime/load';

function view(name: string, properties: string[]): Record<string, unknown> {
  return emailView(loadEml(name), { properties, blobIdOf: (partId) => `B-${partId}` });
}

describe('emailView: header properties', () => {
  it('gives the convenience properties of RFC 8621 §4.1.3 from a real-world message', () => {
    const email = view('plain-qp.eml', [
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
    ]);

    expect(email).toEqual({
      messageId: ['20180710010311.GA1234@example.com'],
      inReplyTo: ['prev@example.com'],
      references: ['root@example.com', 'prev@example.com'],
      sender: [{ name: 'Secretary (office)', email: 'sec@example.com' }],
      from: [{ name: 'Alïce Dupont', email: 'alice@example.com' }],
      to: [
        { name: 'Bob Smith', email: 'bob@example.net' },
        { name: 'Carol C.', email: 'carol@example.net' },
      ],
      cc: [
        { name: null, email: 'dave@example.org' },
        { name: 'Eve, E.', email: 'eve@example.org' },
        { name: null, email: 'frank@example.org' },
      ],
      bcc: null,
      replyTo: [{ name: 'Alice', email: 'alice+reply@example.com' }],
      subject: 'Réunion de l’équipe — jeudi',
      sentAt: '2018-07-10T11:03:11+10:00',
    });
  });

  it('lists every header field in order with its Raw value, folding included', () => {
    const headers = view('plain-qp.eml', ['headers']).headers as { name: string; value: string }[];

    expect(headers.map((header) => header.name)).toEqual([
      'Return-Path',
      'Received',
      'From',
      'Sender',
      'Reply-To',
      'To',
      'Cc',
      'Subject',
      'Date',
      'Message-ID',
      'In-Reply-To',
      'References',
      'List-Post',
      'List-Unsubscribe',
      'X-Mailer',
      'MIME-Version',
      'Content-Type',
      'Content-Transfer-Encoding',
      'Content-Language',
    ]);
    expect(headers[7]).toEqual({
      name: 'Subject',
      value: ' =?UTF-8?B?UsOpdW5pb24gZGUgbOKAmcOpcXVpcGU=?=\r\n =?UTF-8?Q?_=E2=80=94_jeudi?=',
    });
  });

  it('answers header:{name} with the last instance in Raw form, keyed as requested', () => {
    const email = view('malformed-headers.eml', ['header:SUBJECT', 'header:subject:all', 'header:X-Missing']);

    expect(email).toEqual({
      'header:SUBJECT': ' second (space before colon)',
      'header:subject:all': [' first', ' second (space before colon)'],
      'header:X-Missing': null,
    });
  });

  it('answers every parsed form, with :all giving one value per instance', () => {
    const email = view('groups.eml', [
      'header:Cc:asGroupedAddresses',
      'header:Resent-To:asAddresses:all',
      'header:Message-ID:asMessageIds',
      'header:Date:asDate',
      'header:Subject:asText',
      'header:X-Missing:asText:all',
      'header:Bcc:asAddresses',
    ]);

    expect(email).toEqual({
      'header:Cc:asGroupedAddresses': [
        {
          name: 'The Team',
          addresses: [
            { name: null, email: 'alice@example.com' },
            { name: 'Bob', email: 'bob@example.net' },
          ],
        },
        {
          name: null,
          addresses: [
            { name: 'Carol Jones', email: 'carol@example.net' },
            { name: 'André', email: 'andre@example.fr' },
          ],
        },
      ],
      'header:Resent-To:asAddresses:all': [
        [{ name: 'Dave', email: 'dave@example.org' }],
        [{ name: null, email: 'erin@example.org' }],
      ],
      'header:Message-ID:asMessageIds': ['groups-1@example.com'],
      'header:Date:asDate': '2024-09-06T12:00:00Z',
      'header:Subject:asText': 'Team update',
      'header:X-Missing:asText:all': [],
      'header:Bcc:asAddresses': [],
    });
  });

  it('reads URLs and Text forms of list and extension fields', () => {
    const email = view('plain-qp.eml', [
      'header:List-Unsubscribe:asURLs',
      'header:List-Post:asURLs',
      'header:X-Mailer:asText',
    ]);

    expect(email).toEqual({
      'header:List-Unsubscribe:asURLs': [
        'https://lists.example.com/u?x=1',
        'mailto:team-leave@lists.example.com?subject=unsubscribe',
      ],
      'header:List-Post:asURLs': ['mailto:team@lists.example.com'],
      'header:X-Mailer:asText': 'Example Mailer vé 2',
    });
  });

  it('shows an empty group as no addresses, and a source route without its route', () => {
    expect(view('groups.eml', ['to', 'replyTo', 'header:To:asGroupedAddresses'])).toEqual({
      to: [],
      replyTo: [{ name: null, email: 'replies@example.com' }],
      'header:To:asGroupedAddresses': [{ name: 'undisclosed-recipients', addresses: [] }],
    });
  });

  it('decodes ISO-8859-1 encoded words and replaces raw 8-bit bytes that are not UTF-8', () => {
    expect(
      view('latin1.eml', ['from', 'subject', 'header:X-Raw-Latin1', 'header:X-Raw-Latin1:asText']),
    ).toEqual({
      from: [{ name: 'Jürgen Müller', email: 'juergen@example.de' }],
      subject: 'Grüße aus Köln',
      'header:X-Raw-Latin1': ' caf\ufffd cr\ufffdme',
      'header:X-Raw-Latin1:asText': 'caf\ufffd cr\ufffdme',
    });
  });

  it('reads raw UTF-8 headers (RFC 6532)', () => {
    expect(view('eight-bit.eml', ['from', 'to', 'subject'])).toEqual({
      from: [{ name: 'Jürgen', email: 'jürgen@exämple.de' }],
      to: [{ name: 'Zoë', email: 'zoe@example.net' }],
      subject: 'Grüße aus Zürich',
    });
  });

  it('gives null where a malformed field does not parse, and best-effort addresses', () => {
    expect(
      view('malformed-headers.eml', ['from', 'to', 'sentAt', 'messageId', 'header:X-Empty:asText']),
    ).toEqual({
      from: [{ name: 'Missing Bracket', email: 'alice@example.com' }],
      to: [{ name: null, email: 'bob@example.net' }],
      sentAt: null,
      messageId: null,
      'header:X-Empty:asText': '',
    });
  });

  it('gives null for convenience properties whose field is absent', () => {
    expect(view('eight-bit.eml', ['sentAt', 'messageId', 'inReplyTo', 'references', 'sender', 'cc'])).toEqual(
      {
        sentAt: null,
        messageId: null,
        inReplyTo: null,
        references: null,
        sender: null,
        cc: null,
      },
    );
  });

  it('leaves out metadata (not derived from content) and unknown or forbidden properties (the caller rejects those)', () => {
    expect(
      view('eight-bit.eml', ['id', 'blobId', 'size', 'receivedAt', 'nonsense', 'header:From:asDate']),
    ).toEqual({});
  });
});

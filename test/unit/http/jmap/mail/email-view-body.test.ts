import { EMAIL_CONTENT_PROPERTIES, emailView } from '../../../../../lambdas/http/jmap/mail';
import type { EmailViewOptions } from '../../../../../lambdas/http/jmap/mail';
import { malformedCorpus } from '../../../../fixtures/mime/corpus';
import { loadEml } from '../../../../fixtures/mime/load';

type Part = Record<string, unknown>;

function view(raw: Buffer, options: Partial<EmailViewOptions> & { properties: string[] }) {
  return emailView(raw, { blobIdOf: (partId) => `B-${partId}`, ...options });
}

const ids = (parts: unknown) => (parts as Part[]).map((part) => part.partId);

describe('emailView: body parts', () => {
  it('describes each part with the default body properties (RFC 8621 §4.2)', () => {
    const email = view(loadEml('mixed-attachments.eml'), { properties: ['attachments'] });

    expect(email.attachments).toEqual([
      {
        partId: '2',
        blobId: 'B-2',
        size: 15,
        name: 'Rapport été 2024.pdf',
        type: 'application/pdf',
        charset: null,
        disposition: 'attachment',
        cid: null,
        language: null,
        location: null,
      },
      {
        partId: '3',
        blobId: 'B-3',
        size: 8,
        name: 'Grüßen 2024.xls',
        type: 'application/vnd.ms-excel',
        charset: null,
        disposition: 'attachment',
        cid: null,
        language: null,
        location: null,
      },
      {
        partId: '5',
        blobId: 'B-5',
        size: 21,
        name: 'notes.txt',
        type: 'text/plain',
        charset: 'us-ascii',
        disposition: null,
        cid: null,
        language: null,
        location: null,
      },
    ]);
  });

  it('gives the whole tree in bodyStructure, with subParts, headers and header properties when asked', () => {
    const email = view(loadEml('forwarded.eml'), {
      properties: ['bodyStructure'],
      bodyProperties: [
        'partId',
        'blobId',
        'type',
        'size',
        'subParts',
        'header:Content-Type:asText',
        'headers',
      ],
    });

    const structure = email.bodyStructure as Part;
    expect(structure).toMatchObject({
      partId: null,
      blobId: null,
      type: 'multipart/mixed',
      'header:Content-Type:asText': 'multipart/mixed; boundary="fwd"',
    });
    expect((structure.headers as Part[]).map((header) => header.name)).toEqual([
      'From',
      'To',
      'Subject',
      'Date',
      'Message-ID',
      'MIME-Version',
      'Content-Type',
    ]);
    expect(structure.subParts).toEqual([
      {
        partId: '1',
        blobId: 'B-1',
        type: 'text/plain',
        size: 10,
        subParts: null,
        'header:Content-Type:asText': 'text/plain; charset=us-ascii',
        headers: [{ name: 'Content-Type', value: ' text/plain; charset=us-ascii' }],
      },
      expect.objectContaining({ partId: '2', type: 'message/rfc822', size: 370, subParts: null }),
    ]);
  });

  it('leaves subParts out of bodyStructure with the default body properties, as the RFC defines them', () => {
    const structure = view(loadEml('alternative.eml'), { properties: ['bodyStructure'] })
      .bodyStructure as Part;

    expect(structure).toEqual({
      partId: null,
      blobId: null,
      size: expect.any(Number),
      name: null,
      type: 'multipart/alternative',
      charset: null,
      disposition: null,
      cid: null,
      language: null,
      location: null,
    });
  });

  it('reads cid, location and language without brackets, comments or folding', () => {
    const email = view(loadEml('related-inline.eml'), {
      properties: ['attachments'],
      bodyProperties: ['cid', 'location'],
    });
    const text = view(loadEml('plain-qp.eml'), { properties: ['textBody'], bodyProperties: ['language'] });

    expect(email.attachments).toEqual([
      { cid: 'logo@shop', location: 'https://shop.example.com/logo.png' },
      { cid: 'pixel@shop', location: null },
    ]);
    expect(text.textBody).toEqual([{ language: ['fr', 'en-GB'] }]);
  });

  it('decomposes RFC 8621 §4.1.4 example structure exactly as the RFC does', () => {
    const email = view(loadEml('rfc8621-example.eml'), {
      properties: ['textBody', 'htmlBody', 'attachments'],
    });

    // A=1, B=2.1.1.1, C=2.1.1.2, D=2.1.1.3, E=2.1.2.1, F=2.1.2.2, G=2.2, H=2.3, J=2.4, K=3
    expect(ids(email.textBody)).toEqual(['1', '2.1.1.1', '2.1.1.2', '2.1.1.3', '3']);
    expect(ids(email.htmlBody)).toEqual(['1', '2.1.2.1', '3']);
    expect(ids(email.attachments)).toEqual(['2.1.1.2', '2.1.2.2', '2.2', '2.3', '2.4']);
  });

  it('puts an inline image after the body into both bodies, and a named text part among the attachments', () => {
    const email = view(loadEml('mixed-attachments.eml'), {
      properties: ['textBody', 'htmlBody', 'attachments'],
    });

    expect(ids(email.textBody)).toEqual(['1.1', '4']);
    expect(ids(email.htmlBody)).toEqual(['1.2', '4']);
    expect(ids(email.attachments)).toEqual(['2', '3', '5']);
  });

  it('lists the images of a multipart/related as attachments, but not for hasAttachment', () => {
    const email = view(loadEml('related-inline.eml'), {
      properties: ['textBody', 'htmlBody', 'attachments', 'hasAttachment'],
    });

    expect(ids(email.textBody)).toEqual(['1']);
    expect(ids(email.htmlBody)).toEqual(['2.1']);
    expect(ids(email.attachments)).toEqual(['2.2', '2.3']);
    expect(email.hasAttachment).toBe(false);
  });

  it('sets hasAttachment for attachments, and not for an inline forwarded message or a plain text', () => {
    const has = (name: string) => view(loadEml(name), { properties: ['hasAttachment'] }).hasAttachment;

    expect([has('mixed-attachments.eml'), has('rfc8621-example.eml'), has('digest.eml')]).toEqual([
      true,
      true,
      true,
    ]);
    expect([has('forwarded.eml'), has('plain-qp.eml'), has('alternative.eml')]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it.each([
    ['an HTML part only', 'text/html', ['1'], ['1'], []],
    ['a plain-text part only', 'text/plain', ['1'], ['1'], []],
    ['a text and an image alternative', 'text/plain|image/gif', ['1'], ['1'], ['2']],
  ])('fills both bodies from a multipart/alternative with %s', (_case, types, text, html, attachments) => {
    const parts = types
      .split('|')
      .map((type) => `--a\r\nContent-Type: ${type}\r\n\r\nx\r\n`)
      .join('');
    const raw = Buffer.from(`Content-Type: multipart/alternative; boundary=a\r\n\r\n${parts}--a--\r\n`);

    const email = view(raw, { properties: ['textBody', 'htmlBody', 'attachments'] });

    expect([ids(email.textBody), ids(email.htmlBody), ids(email.attachments)]).toEqual([
      text,
      html,
      attachments,
    ]);
  });

  it('does not enter an attached message: it is one attachment without subParts', () => {
    const email = view(loadEml('forwarded.eml'), { properties: ['textBody', 'htmlBody', 'attachments'] });

    expect(ids(email.textBody)).toEqual(['1']);
    expect(ids(email.htmlBody)).toEqual(['1']);
    expect(email.attachments).toEqual([
      expect.objectContaining({ partId: '2', type: 'message/rfc822', disposition: 'inline' }),
    ]);
  });

  it('reads a multipart without a boundary as one text/plain body', () => {
    const raw = Buffer.from('Subject: x\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\n\r\ntext');

    const email = view(raw, { properties: ['textBody', 'bodyValues', 'preview'], fetchTextBodyValues: true });

    expect(email).toEqual({
      textBody: [expect.objectContaining({ partId: '1', type: 'text/plain', charset: 'us-ascii' })],
      bodyValues: { 1: { value: '--x\n\ntext', isEncodingProblem: false, isTruncated: false } },
      preview: '--x text',
    });
  });

  it('shows a message that is one image as its body, with no attachment and an empty preview', () => {
    const email = view(
      Buffer.from('Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo='),
      {
        properties: ['textBody', 'htmlBody', 'attachments', 'hasAttachment', 'preview', 'bodyValues'],
        fetchAllBodyValues: true,
      },
    );

    expect(ids(email.textBody)).toEqual(['1']);
    expect(ids(email.htmlBody)).toEqual(['1']);
    expect(email.attachments).toEqual([]);
    expect(email).toMatchObject({ hasAttachment: false, preview: '', bodyValues: {} });
  });

  it.each(malformedCorpus().map((entry) => [entry.name, entry.raw] as const))(
    'answers every content property for the malformed message "%s"',
    (_name, raw) => {
      const email = view(raw, {
        properties: [...EMAIL_CONTENT_PROPERTIES, 'header:Subject:asText:all'],
        bodyProperties: ['partId', 'size', 'type', 'subParts', 'headers', 'name', 'charset'],
        fetchAllBodyValues: true,
        maxBodyValueBytes: 100,
      });

      expect(Object.keys(email).sort()).toEqual(
        [...EMAIL_CONTENT_PROPERTIES, 'header:Subject:asText:all'].sort(),
      );
      expect(JSON.parse(JSON.stringify(email))).toEqual(email);
      expect(Array.from(email.preview as string).length).toBeLessThanOrEqual(256);
    },
  );
});

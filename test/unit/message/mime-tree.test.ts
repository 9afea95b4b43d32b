import { findPart, parseMime } from '../../../lambdas/core/message';
import type { MimeEntity } from '../../../lambdas/core/message';
import { malformedCorpus } from '../../fixtures/mime/corpus';
import { loadEml } from '../../fixtures/mime/load';

/** `section type` for every entity, depth-first, encapsulated messages marked with `>`. */
function outline(entity: MimeEntity, indent = ''): string[] {
  const line = `${indent}${entity.section || '(root)'} ${entity.partId ?? '-'} ${entity.type}`;
  return [
    line,
    ...entity.subParts.flatMap((child) => outline(child, `${indent}  `)),
    ...(entity.message ? outline(entity.message, `${indent}> `) : []),
  ];
}

function bodyText(raw: Buffer, entity: MimeEntity | undefined): string {
  return entity ? raw.subarray(entity.bodyStart, entity.end).toString('latin1') : '<missing>';
}

describe('parseMime', () => {
  it('numbers a single-part message as part 1 (RFC 3501 §6.4.5)', () => {
    const raw = loadEml('plain-qp.eml');

    const { root } = parseMime(raw);

    expect(root).toMatchObject({
      section: '1',
      partId: '1',
      type: 'text/plain',
      transferEncoding: 'quoted-printable',
    });
    expect(root.parameters.get('charset')).toBe('utf-8');
    expect(root.parameters.get('format')).toBe('flowed');
    expect(bodyText(raw, root)).toMatch(/^Bonjour Bob,\r\n/);
  });

  it('numbers nested multiparts like IMAP sections, multiparts without a partId', () => {
    const raw = loadEml('mixed-attachments.eml');

    const { root, isTruncated } = parseMime(raw);

    expect(outline(root)).toEqual([
      '(root) - multipart/mixed',
      '  1 - multipart/alternative',
      '    1.1 1.1 text/plain',
      '    1.2 1.2 text/html',
      '  2 2 application/pdf',
      '  3 3 application/vnd.ms-excel',
      '  4 4 image/jpeg',
      '  5 5 text/plain',
    ]);
    expect(isTruncated).toBe(false);
  });

  it('puts the line break before a delimiter outside the part, and leaves out preamble and epilogue', () => {
    const raw = loadEml('alternative.eml');

    const { root } = parseMime(raw);

    expect(bodyText(raw, root.subParts[0])).toBe('Voila le rapport.');
    expect(raw.subarray(root.subParts[1].start, root.subParts[1].bodyStart).toString()).toBe(
      'Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n',
    );
    expect(root.subParts).toHaveLength(2);
  });

  it('reads LF-only messages like CRLF ones', () => {
    const crlf = parseMime(loadEml('rfc8621-example.eml'));
    const lf = parseMime(loadEml('rfc8621-example.eml', 'lf'));

    expect(outline(lf.root)).toEqual(outline(crlf.root));
    expect(bodyText(lf.raw, findPart(lf.root, '2.1.1.2'))).toBe('C');
  });

  it('parses an encapsulated message below its message/rfc822 part', () => {
    const raw = loadEml('forwarded.eml');

    const { root } = parseMime(raw);

    expect(outline(root)).toEqual([
      '(root) - multipart/mixed',
      '  1 1 text/plain',
      '  2 2 message/rfc822',
      '  > 2 - multipart/alternative',
      '  >   2.1 2.1 text/plain',
      '  >   2.2 2.2 text/html',
    ]);
    expect(bodyText(raw, findPart(root, '2.2'))).toBe('<p>The report.</p>');
    expect(bodyText(raw, findPart(root, '2'))).toMatch(/^From: Alice <alice@example.com>\r\n/);
  });

  it('numbers the body of an encapsulated single-part message N.1, and deeper parts below it', () => {
    const raw = loadEml('rfc8621-example.eml');

    const { root } = parseMime(raw);

    expect(findPart(root, '2.4')?.message).toMatchObject({
      section: '2.4.1',
      partId: '2.4.1',
      type: 'text/plain',
    });
    expect(bodyText(raw, findPart(root, '2.4.1'))).toBe('J');
    expect(findPart(root, '3')?.type).toBe('text/plain');
  });

  it('gives the parts of a multipart/digest the implicit type message/rfc822', () => {
    const raw = loadEml('digest.eml');

    const { root } = parseMime(raw);

    expect(outline(root)).toEqual([
      '(root) - multipart/digest',
      '  1 1 message/rfc822',
      '  > 1.1 1.1 text/plain',
      '  2 2 message/rfc822',
      '  > 2.1 2.1 text/plain',
    ]);
    expect(root.subParts[0].hasContentType).toBe(false);
    expect(bodyText(raw, findPart(root, '2.1'))).toBe('Two.');
  });

  it('reads a multipart without a boundary as text/plain (RFC 2045 §5.2)', () => {
    const raw = Buffer.from('Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\ntext');

    const { root } = parseMime(raw);

    expect(root).toMatchObject({ section: '1', partId: '1', type: 'text/plain', hasContentType: false });
    expect(root.parameters.size).toBe(0);
    expect(bodyText(raw, root)).toBe('--x\r\n\r\ntext');
  });

  it('reads a multipart whose boundary never occurs as text/plain', () => {
    const raw = Buffer.from('Content-Type: multipart/mixed; boundary=nope\r\n\r\n--other\r\n\r\ntext\r\n');

    expect(parseMime(raw).root).toMatchObject({ partId: '1', type: 'text/plain' });
  });

  it('runs the last part to the end when the close delimiter is missing', () => {
    const raw = Buffer.from(
      'Content-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\nContent-Type: text/plain\r\n\r\nopen',
    );

    const { root } = parseMime(raw);

    expect(bodyText(raw, findPart(root, '1'))).toBe('open');
  });

  it('ignores boundary look-alikes that are not whole delimiter lines', () => {
    const raw = Buffer.from(
      'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nx --b\r\n--bb\r\n--b-- trailing\r\n--b  \r\n\r\ny\r\n--b--\r\n',
    );

    const { root } = parseMime(raw);

    expect(root.subParts.map((part) => bodyText(raw, part))).toEqual([
      'x --b\r\n--bb\r\n--b-- trailing',
      'y',
    ]);
  });

  it('keeps empty parts between adjacent delimiters', () => {
    const raw = Buffer.from('Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n--b\r\n\r\nz\r\n--b--');

    const { root } = parseMime(raw);

    expect(root.subParts.map((part) => bodyText(raw, part))).toEqual(['', 'z']);
  });

  it('treats a part without a header block as all body when it does not start like a header', () => {
    const raw = Buffer.from('Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\njust text\r\n--b--');

    const { root } = parseMime(raw);

    expect(root.subParts[0]).toMatchObject({ headers: [], type: 'text/plain' });
    expect(bodyText(raw, root.subParts[0])).toBe('just text');
  });

  it('does not parse an encapsulated message that is transfer-encoded', () => {
    const raw = Buffer.from(
      'Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\nU3ViamVjdDogeA==',
    );

    expect(parseMime(raw).root).toMatchObject({ partId: '1', message: null });
  });

  it('stops at 500 parts and says the tree is truncated', () => {
    const parts = Array.from(
      { length: 600 },
      (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\n${i}\r\n`,
    ).join('');
    const raw = Buffer.from(`Content-Type: multipart/mixed; boundary=b\r\n\r\n${parts}--b--\r\n`);

    const message = parseMime(raw);

    expect(message.root.subParts).toHaveLength(499);
    expect(message.root.subParts.at(-1)?.partId).toBe('499');
    expect(message.isTruncated).toBe(true);
  });

  it('counts encapsulated messages and nested parts against the part limit', () => {
    const raw = loadEml('forwarded.eml');

    const message = parseMime(raw, { maxParts: 4 });

    expect(outline(message.root)).toEqual([
      '(root) - multipart/mixed',
      '  1 1 text/plain',
      '  2 2 message/rfc822',
      '  > 2 - multipart/alternative',
    ]);
    expect(message.isTruncated).toBe(true);
  });

  it('stops taking siblings once nested parts used up the part limit', () => {
    const inner = Array.from({ length: 10 }, (_, i) => `--in\r\n\r\n${i}\r\n`).join('');
    const raw = Buffer.from(
      'Content-Type: multipart/mixed; boundary=out\r\n\r\n--out\r\nContent-Type: multipart/mixed; boundary=in\r\n\r\n' +
        `${inner}--in--\r\n--out\r\n\r\nsecond\r\n--out--\r\n`,
    );

    const message = parseMime(raw, { maxParts: 5 });

    expect(outline(message.root)).toEqual([
      '(root) - multipart/mixed',
      '  1 - multipart/mixed',
      '    1.1 1.1 text/plain',
      '    1.2 1.2 text/plain',
      '    1.3 1.3 text/plain',
    ]);
    expect(message.isTruncated).toBe(true);
  });

  it('does not parse below the depth limit, keeping the deepest multipart without children', () => {
    let body = 'Content-Type: text/plain\r\n\r\ndeepest\r\n';
    for (let level = 40; level > 0; level--) {
      body = `Content-Type: multipart/mixed; boundary="b${level}"\r\n\r\n--b${level}\r\n${body}--b${level}--\r\n`;
    }

    const message = parseMime(Buffer.from(body));

    let deepest = message.root;
    let depth = 0;
    while (deepest.subParts.length > 0) {
      deepest = deepest.subParts[0];
      depth++;
    }
    expect(depth).toBe(32);
    expect(deepest).toMatchObject({ type: 'multipart/mixed', partId: null, subParts: [] });
    expect(message.isTruncated).toBe(true);
  });

  it('does not parse an encapsulated message below the depth limit', () => {
    const raw = Buffer.from(
      'Content-Type: message/rfc822\r\n\r\nContent-Type: message/rfc822\r\n\r\nSubject: x\r\n\r\ny',
    );

    const message = parseMime(raw, { maxDepth: 1 });

    expect(message.root.message).toMatchObject({ partId: '1.1', type: 'message/rfc822', message: null });
    expect(message.isTruncated).toBe(true);
  });

  it.each(malformedCorpus().map((entry) => [entry.name, entry.raw] as const))(
    'survives the malformed message "%s" with offsets inside the message',
    (_name, raw) => {
      const message = parseMime(raw);

      const entities: MimeEntity[] = [];
      const visit = (entity: MimeEntity) => {
        entities.push(entity);
        entity.subParts.forEach(visit);
        if (entity.message) visit(entity.message);
      };
      visit(message.root);
      for (const entity of entities) {
        expect(entity.start).toBeLessThanOrEqual(entity.bodyStart);
        expect(entity.bodyStart).toBeLessThanOrEqual(entity.end);
        expect(entity.end).toBeLessThanOrEqual(raw.length);
      }
      expect(entities.length).toBeLessThanOrEqual(500);
    },
  );

  it('finds no part for an unknown partId or a multipart', () => {
    const { root } = parseMime(loadEml('mixed-attachments.eml'));

    expect(findPart(root, '9')).toBeUndefined();
    expect(findPart(root, '')).toBeUndefined();
  });
});

import {
  MAX_DEPTH,
  binaryBytes,
  bodyStructure,
  envelope,
  parseMessage,
  sectionBytes,
  sentDate,
  type MessagePart,
} from '../../../../lambdas/imap/mime';
import { malformedCorpus } from '../../../fixtures/mime/corpus';
import { allCorpusMessages } from './corpus';

/** Checks that offsets nest and every section of every part can be served; returns the part count. */
function checkTree(part: MessagePart, raw: Buffer, numbers: number[], root: MessagePart): number {
  expect(part.headerStart).toBeLessThanOrEqual(part.headerEnd);
  expect(part.headerEnd).toBe(part.bodyStart);
  expect(part.bodyStart).toBeLessThanOrEqual(part.bodyEnd);
  expect(part.bodyEnd).toBeLessThanOrEqual(raw.length);
  let count = 1;
  let previousEnd = part.bodyStart;
  part.children.forEach((child, i) => {
    expect(child.headerStart).toBeGreaterThanOrEqual(previousEnd);
    expect(child.bodyEnd).toBeLessThanOrEqual(part.bodyEnd);
    previousEnd = child.bodyEnd;
    const body = sectionBytes(root, raw, { part: [...numbers, i + 1] });
    expect(body).toBeDefined();
    expect(sectionBytes(root, raw, { part: [...numbers, i + 1], text: 'MIME' })).toBeDefined();
    binaryBytes(root, raw, [...numbers, i + 1]);
    count += checkTree(child, raw, [...numbers, i + 1], root);
  });
  if (part.message !== undefined) {
    expect(part.message.headerStart).toBeGreaterThanOrEqual(part.bodyStart);
    expect(part.message.bodyEnd).toBeLessThanOrEqual(part.bodyEnd);
    count += checkTree(part.message, raw, numbers, root);
  }
  return count;
}

function exerciseAll(raw: Buffer): MessagePart {
  const root = parseMessage(raw);
  checkTree(root, raw, [], root);
  envelope(root, raw);
  bodyStructure(root, raw, true);
  bodyStructure(root, raw, false);
  sentDate(root, raw);
  for (const text of ['HEADER', 'TEXT'] as const)
    expect(sectionBytes(root, raw, { part: [], text })).toBeDefined();
  return root;
}

function depthOf(part: MessagePart): number {
  let depth = 0;
  for (let p: MessagePart | undefined = part; p !== undefined; p = p.children[0] ?? p.message)
    depth = p.depth;
  return depth;
}

describe('parseMessage', () => {
  it.each(malformedCorpus().map((entry) => [entry.name, entry.raw] as const))(
    'survives the malformed message "%s" quickly, with consistent offsets',
    (_name, raw) => {
      const started = Date.now();

      exerciseAll(raw);

      expect(Date.now() - started).toBeLessThan(2000);
    },
  );

  it.each(allCorpusMessages().map(({ file, raw }) => [file, raw] as const))(
    'splits %s into consistent parts, also with bare LF line ends',
    (_file, raw) => {
      exerciseAll(raw);
      exerciseAll(Buffer.from(raw.toString('latin1').replace(/\r\n/g, '\n'), 'latin1'));
    },
  );

  it('stops splitting at depth 99, so multiparts 100 deep end in an opaque part', () => {
    const raw = malformedCorpus().find((entry) => entry.name === 'multiparts 100 deep')!.raw;

    const root = exerciseAll(raw);

    expect(depthOf(root)).toBe(MAX_DEPTH - 1);
    let deepest = root;
    while (deepest.children[0] !== undefined) deepest = deepest.children[0];
    expect(deepest.kind).toBe('leaf');
    expect(deepest.content.type).toBe('multipart');
  });

  it('reads a 1 MB header field without trouble', () => {
    const raw = Buffer.from(`Subject: ${'x'.repeat(1024 * 1024)}\r\nFrom: a@b.example\r\n\r\nbody`);
    const started = Date.now();

    const root = exerciseAll(raw);

    expect(root.fields).toHaveLength(2);
    expect(root.bodyStart).toBe(raw.length - 4);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('closes inner parts at an outer boundary and keeps the line break before a boundary out of the body', () => {
    const raw = Buffer.from(
      'Content-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\nContent-Type: multipart/alternative; ' +
        'boundary=inner\r\n\r\n--inner\r\n\r\nnever closed\r\n--outer\r\n\r\nsecond\r\n--outer--\r\nepilogue\r\n',
    );

    const root = parseMessage(raw);

    expect(root.children).toHaveLength(2);
    const inner = root.children[0].children[0];
    expect(raw.toString('latin1', inner.bodyStart, inner.bodyEnd)).toBe('never closed');
    expect(raw.toString('latin1', root.children[1].bodyStart, root.children[1].bodyEnd)).toBe('second');
  });

  it('prefers the longest matching boundary, so a boundary that extends another is not mistaken for it', () => {
    const raw = Buffer.from(
      'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: multipart/mixed; boundary=bb\r\n\r\n' +
        '--bb\r\n\r\none\r\n--bb\r\n\r\ntwo\r\n--bb--\r\n--b--\r\n',
    );

    const root = parseMessage(raw);

    expect(root.children).toHaveLength(1);
    expect(root.children[0].children).toHaveLength(2);
  });

  it('ends a header without blank line at a boundary line', () => {
    const raw = Buffer.from('Content-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\nX-A: 1\r\n--q--\r\n');

    const root = parseMessage(raw);

    const part = root.children[0];
    expect(raw.toString('latin1', part.headerStart, part.headerEnd)).toBe('X-A: 1');
    expect(part.bodyEnd).toBe(part.bodyStart);
  });

  it('ignores Content-* fields of a message without MIME-Version or Content-Type', () => {
    const raw = Buffer.from('Content-Transfer-Encoding: base64\r\n\r\naGk=\r\n');

    expect(parseMessage(raw).content.transferEncoding).toBeUndefined();
  });
});

import { readHeaderBlock } from '../../../lambdas/core/message/header-fields';
import { loadEml } from '../../fixtures/mime/load';

function read(text: string | Buffer, maxBytes = 65536, maxFields = 100) {
  const raw = typeof text === 'string' ? Buffer.from(text) : text;
  return readHeaderBlock(raw, 0, raw.length, maxBytes, maxFields);
}

describe('readHeaderBlock', () => {
  it('keeps names as written and values in Raw form, folding line breaks included', () => {
    const raw = 'Subject: =?UTF-8?Q?a?=\r\n b\r\nX-Empty:\r\nTO:x\r\n\r\nbody';

    const block = read(raw);

    expect(block.fields).toEqual([
      { name: 'Subject', value: ' =?UTF-8?Q?a?=\r\n b' },
      { name: 'X-Empty', value: '' },
      { name: 'TO', value: 'x' },
    ]);
    expect(block.bodyStart).toBe(raw.indexOf('body'));
    expect(block.isTruncated).toBe(false);
  });

  it('skips lines that are neither a field nor a continuation, and continuations without a field', () => {
    const raw = loadEml('malformed-headers.eml');

    const { fields } = read(raw);

    expect(fields.map((field) => field.name)).toEqual([
      'Subject',
      'Subject',
      'From',
      'To',
      'Date',
      'Message-ID',
      'X-Nul',
      'X-Empty',
    ]);
    expect(fields[1].value).toBe(' second (space before colon)');
  });

  it('drops NUL and replaces invalid UTF-8 with U+FFFD (RFC 8621 §4.1.2.1)', () => {
    const raw = loadEml('latin1.eml');

    const { fields } = read(raw);

    expect(fields.find((field) => field.name === 'X-Raw-Latin1')?.value).toBe(' caf\ufffd cr\ufffdme');
    expect(read(loadEml('malformed-headers.eml')).fields.find((field) => field.name === 'X-Nul')?.value).toBe(
      ' ab',
    );
  });

  it('reads raw UTF-8 header values (RFC 6532)', () => {
    const { fields } = read(loadEml('eight-bit.eml'));

    expect(fields[0]).toEqual({ name: 'From', value: ' Jürgen <jürgen@exämple.de>' });
  });

  it('starts the body right away after a leading empty line', () => {
    expect(read('\r\nbody')).toEqual({ fields: [], bodyStart: 2, isTruncated: false });
    expect(read('\nbody')).toEqual({ fields: [], bodyStart: 1, isTruncated: false });
  });

  it('treats an entity without an empty line as all header when it starts like one, else as all body', () => {
    const allHeader = 'Subject: only\r\nFrom: a@b';
    expect(read(allHeader)).toMatchObject({
      bodyStart: allHeader.length,
      fields: [{ name: 'Subject' }, { name: 'From' }],
    });
    expect(read('no header here\r\nat all')).toEqual({ fields: [], bodyStart: 0, isTruncated: false });
  });

  it('ends an over-long header block at its last complete line and reports the truncation', () => {
    const raw = `Subject: a\r\nX-Long: ${'x'.repeat(100)}\r\n\r\nbody`;

    const block = read(raw, 50);

    expect(block).toEqual({ fields: [{ name: 'Subject', value: ' a' }], bodyStart: 12, isTruncated: true });
  });

  it('keeps at most maxFields fields', () => {
    const block = read('A: 1\r\nB: 2\r\nC: 3\r\n\r\n', 65536, 2);

    expect(block.fields.map((field) => field.name)).toEqual(['A', 'B']);
    expect(block.isTruncated).toBe(true);
  });

  it('reads only within the entity it is given', () => {
    const raw = Buffer.from('Subject: a\r\n\r\nXX');

    const block = readHeaderBlock(raw, 0, 8, 65536, 10);

    expect(block).toEqual({ fields: [{ name: 'Subject', value: '' }], bodyStart: 8, isTruncated: false });
  });
});

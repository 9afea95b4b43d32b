import {
  MessageRejected,
  parseHeaderFields,
  splitEntity,
  validateReplacementMime,
} from '../../../lambdas/core/message-flow';
import { ORIGINAL_MIME } from './memory-stores';

const validate = (text: string) => validateReplacementMime(Buffer.from(text), Buffer.from(ORIGINAL_MIME));

describe('splitEntity', () => {
  it('splits at the first blank line, with CRLF or bare LF line ends', () => {
    expect(splitEntity('A: 1\r\nB: 2\r\n\r\nbody\r\n\r\nmore')).toEqual({
      header: 'A: 1\r\nB: 2',
      body: 'body\r\n\r\nmore',
    });
    expect(splitEntity('A: 1\n\nbody')).toEqual({ header: 'A: 1', body: 'body' });
    expect(splitEntity('A: 1\n\r\nbody')).toEqual({ header: 'A: 1', body: 'body' });
  });

  it('reads an entity that starts with a blank line as having no header', () => {
    expect(splitEntity('\r\nbody')).toEqual({ header: '', body: 'body' });
    expect(splitEntity('\nbody')).toEqual({ header: '', body: 'body' });
  });

  it('reads an entity without a blank line as all header', () => {
    expect(splitEntity('A: 1\r\nB: 2')).toEqual({ header: 'A: 1\r\nB: 2', body: '' });
  });
});

describe('parseHeaderFields', () => {
  it('lower-cases names, unfolds continuation lines and collapses white space', () => {
    expect(parseHeaderFields('Subject:  Quarterly   numbers\n\tand  more \t\nX-A: 1\r\n')).toEqual([
      { name: 'subject', value: 'Quarterly numbers and more' },
      { name: 'x-a', value: '1' },
    ]);
  });

  it.each([
    ['a first line that is a continuation', ' folded: value', 1],
    ['a name with a space', 'To: bob@org.example\r\nnot a header: value', 2],
    ['a bare CR inside a field', 'To: bob@org.example\r\nSubject: a\rb', 2],
  ])('rejects %s, naming only its line number', (_, header, line) => {
    expect(() => parseHeaderFields(header)).toThrow(
      new MessageRejected(`Header line ${line} is not a well-formed header field`),
    );
  });
});

describe('validateReplacementMime: line lengths', () => {
  it('names the first line that is too long', async () => {
    await expect(validate(ORIGINAL_MIME.replace('Hello Bob.', 'x'.repeat(999)))).rejects.toThrow(
      'Line 13 is longer than 1000 characters including CRLF',
    );
  });

  it('counts a line ended by a bare LF without a CR to discount', async () => {
    const bareLf = ORIGINAL_MIME.replace('Hello Bob.\r\n', `${'x'.repeat(999)}\n`);

    await expect(validate(bareLf)).rejects.toThrow('Line 13 is longer than 1000 characters including CRLF');
  });
});

import { fieldValues, joinMessage, splitMessage } from '../../../lambdas/core/sending';

describe('Sending: header block', () => {
  it('drops and adds fields while the body stays byte for byte', () => {
    const raw = Buffer.from(
      'From: a@x.example\r\nBcc: b@x.example,\r\n c@x.example\r\nSubject: Hi\r\n\r\nBcc: body\r\n',
    );

    const joined = joinMessage(splitMessage(raw), { remove: ['BCC'], prepend: ['Sender: s@x.example'] });

    expect(joined.toString()).toBe(
      'Sender: s@x.example\r\nFrom: a@x.example\r\nSubject: Hi\r\n\r\nBcc: body\r\n',
    );
  });

  it('reads unfolded UTF-8 values of every field with a name, in any case', () => {
    const raw = Buffer.from('to: a@x.example,\n b@x.example\nTO: Zoë <z@x.example>\n\nbody');

    expect(fieldValues(splitMessage(raw), 'To')).toEqual(['a@x.example, b@x.example', 'Zoë <z@x.example>']);
  });

  it('keeps the line breaks of a message written with LF only', () => {
    const joined = joinMessage(splitMessage(Buffer.from('From: a@x.example\nBcc: b@x.example\n\nbody')), {
      remove: ['bcc'],
      prepend: ['Date: now'],
    });

    expect(joined.toString()).toBe('Date: now\nFrom: a@x.example\n\nbody');
  });

  it('treats a message without an empty line as all header', () => {
    const split = splitMessage(Buffer.from('From: a@x.example\r\nTo: b@x.example\r\n'));

    expect(fieldValues(split, 'to')).toEqual(['b@x.example']);
    expect(joinMessage(split, { remove: ['to'] }).toString()).toBe('From: a@x.example\r\n\r\n');
  });
});

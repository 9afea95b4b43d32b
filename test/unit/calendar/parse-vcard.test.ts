import { parseVcard } from '../../../lambdas/core/calendar/parse-vcard';
import { vcard } from '../../support/calendar-objects';

const reasonOf = (text: string) => {
  const parsed = parseVcard(text);
  return parsed.ok ? `uid ${parsed.value.uid}` : parsed.reason;
};
const card = (...lines: string[]) => ['BEGIN:VCARD', ...lines, 'END:VCARD', ''].join('\r\n');

describe('parseVcard', () => {
  it('accepts vCard 4.0 and 3.0 with a UID', () => {
    expect(reasonOf(vcard('c-1', 'Carol'))).toBe('uid c-1');
    expect(reasonOf(card('VERSION:3.0', 'UID:c-3', 'FN:Carol', 'N:;Carol;;;'))).toBe('uid c-3');
  });

  it('refuses a vCard without UID, of another version, or more than one', () => {
    expect(reasonOf(card('VERSION:4.0', 'FN:Carol'))).toBe('A vCard needs a UID.');
    expect(reasonOf(card('VERSION:2.1', 'UID:x', 'FN:Carol'))).toBe('Only vCard 3.0 and 4.0 are accepted.');
    expect(reasonOf(vcard('a', 'A') + vcard('b', 'B'))).toBe('An address object is exactly one vCard.');
  });

  it('refuses an unterminated or unparsable vCard', () => {
    expect(reasonOf('BEGIN:VCARD\r\nVERSION:4.0\r\nUID:x\r\n')).toBe(
      'Malformed vCard: VCARD is not terminated.',
    );
    expect(reasonOf('BEGIN:VCARD\r\nnot a line\r\nEND:VCARD\r\n')).toBe(
      'Malformed vCard: it could not be parsed.',
    );
  });
});

import { calendar, simpleEvent } from '../../support/calendar-objects';
import { entryOf } from './entries';

const busyTypeOf = (...extra: string[]) =>
  entryOf(simpleEvent('b', '20260105T090000Z', '20260105T100000Z', ...extra)).busyType;

describe('busyTypeOf', () => {
  it('shows a confirmed or unmarked event as BUSY and a tentative one as TENTATIVE', () => {
    expect(busyTypeOf()).toBe('BUSY');
    expect(busyTypeOf('STATUS:CONFIRMED')).toBe('BUSY');
    expect(busyTypeOf('STATUS:TENTATIVE')).toBe('TENTATIVE');
  });

  it('shows cancelled and transparent events as free, whatever Outlook says', () => {
    expect(busyTypeOf('STATUS:CANCELLED')).toBe('FREE');
    expect(busyTypeOf('TRANSP:TRANSPARENT')).toBe('FREE');
    expect(busyTypeOf('TRANSP:TRANSPARENT', 'X-MICROSOFT-CDO-BUSYSTATUS:OOF')).toBe('FREE');
  });

  it("takes Outlook's busy status (OOF, FREE, TENTATIVE) before STATUS", () => {
    expect(busyTypeOf('X-MICROSOFT-CDO-BUSYSTATUS:OOF')).toBe('OOF');
    expect(busyTypeOf('X-MICROSOFT-CDO-BUSYSTATUS:FREE')).toBe('FREE');
    expect(busyTypeOf('STATUS:CONFIRMED', 'X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE')).toBe('TENTATIVE');
    expect(busyTypeOf('STATUS:TENTATIVE', 'X-MICROSOFT-CDO-BUSYSTATUS:BUSY')).toBe('BUSY');
  });

  it('never shows a to-do as busy', () => {
    expect(
      entryOf(
        calendar('BEGIN:VTODO', 'UID:t', 'DTSTART:20260105T090000Z', 'DUE:20260105T100000Z', 'END:VTODO'),
      ).busyType,
    ).toBe('FREE');
  });
});

import { daysShown, fromInputValue, inputValue, turnPage } from '../../../web/src/mail/calendar/dates';

describe('Webmail calendar: dates', () => {
  it('shows a week from Monday to Sunday', () => {
    const days = daysShown('week', new Date(2026, 11, 10, 15));

    expect(days.map((day) => day.getDate())).toEqual([7, 8, 9, 10, 11, 12, 13]);
    expect(days[0]!.getDay()).toBe(1);
  });

  it('shows a month as the whole weeks covering it, from the Monday before its first day', () => {
    const days = daysShown('month', new Date(2026, 1, 14));

    expect(days[0]).toEqual(new Date(2026, 0, 26));
    expect(days).toHaveLength(35);
    expect(days.at(-1)).toEqual(new Date(2026, 2, 1));
  });

  it('turns pages by a week, a month (from any day of it) or 30 days', () => {
    expect(turnPage('week', new Date(2026, 11, 10), 1)).toEqual(new Date(2026, 11, 17));
    expect(turnPage('month', new Date(2026, 0, 31), 1)).toEqual(new Date(2026, 1, 1));
    expect(turnPage('agenda', new Date(2026, 11, 10), -1)).toEqual(new Date(2026, 10, 10));
  });

  it('reads and writes date and datetime-local input values in local time', () => {
    const date = new Date(2026, 11, 10, 9, 5);

    expect(inputValue(date, false)).toBe('2026-12-10T09:05');
    expect(inputValue(date, true)).toBe('2026-12-10');
    expect(fromInputValue('2026-12-10T09:05')).toEqual(date);
    expect(fromInputValue('2026-12-10')).toEqual(new Date(2026, 11, 10));
    expect(fromInputValue('10/12/2026')).toBeUndefined();
  });
});

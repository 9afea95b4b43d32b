import { DavError } from '../../../../lambdas/http/dav/dav-response';
import {
  matchesAddressFilter,
  matchesCalendarFilter,
  planCalendarFilter,
} from '../../../../lambdas/http/dav/report-filters';
import { parseDavXml } from '../../../../lambdas/http/dav/xml';

const C = 'xmlns:C="urn:ietf:params:xml:ns:caldav"';
const filter = (inner: string) =>
  parseDavXml(`<C:filter ${C}><C:comp-filter name="VCALENDAR">${inner}</C:comp-filter></C:filter>`);
const EVENT = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//t//t//EN',
  'BEGIN:VEVENT',
  'UID:e1',
  'DTSTAMP:20260101T000000Z',
  'DTSTART:20260105T100000Z',
  'DTEND:20260105T110000Z',
  'SUMMARY:Quarterly Review',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('planCalendarFilter', () => {
  it('gives the index the component and the time range of the main component', () => {
    const plan = planCalendarFilter(
      filter(
        '<C:comp-filter name="VEVENT"><C:time-range start="20260105T000000Z" end="20260106T000000Z"/></C:comp-filter>',
      ),
    );
    expect(plan).toEqual({
      component: 'VEVENT',
      window: { start: Date.UTC(2026, 0, 5), end: Date.UTC(2026, 0, 6) },
    });
  });

  it('leaves an open end open and asks for no window without a time range', () => {
    expect(planCalendarFilter(filter('<C:comp-filter name="VTODO"/>'))).toEqual({ component: 'VTODO' });
    const open = planCalendarFilter(
      filter('<C:comp-filter name="VEVENT"><C:time-range start="20260105T000000Z"/></C:comp-filter>'),
    );
    expect(open.window!.start).toBe(Date.UTC(2026, 0, 5));
    expect(open.window!.end).toBeGreaterThan(Date.UTC(9999, 0, 1));
  });

  it.each([
    ['a filter not on VCALENDAR', parseDavXml(`<C:filter ${C}><C:comp-filter name="VEVENT"/></C:filter>`)],
    [
      'a malformed time',
      filter('<C:comp-filter name="VEVENT"><C:time-range start="2026-01-05"/></C:comp-filter>'),
    ],
    [
      'an end before the start',
      filter(
        '<C:comp-filter name="VEVENT"><C:time-range start="20260105T000000Z" end="20260101T000000Z"/></C:comp-filter>',
      ),
    ],
  ])('refuses %s with CALDAV:valid-filter', (_, element) => {
    expect(() => planCalendarFilter(element)).toThrow(DavError);
  });
});

describe('matchesCalendarFilter', () => {
  it.each([
    ['the component exists', '<C:comp-filter name="VEVENT"/>', true],
    ['another component is asked for', '<C:comp-filter name="VTODO"/>', false],
    ['a component is not defined', '<C:comp-filter name="VTODO"><C:is-not-defined/></C:comp-filter>', true],
    [
      'a property contains the text (case-insensitive)',
      '<C:comp-filter name="VEVENT"><C:prop-filter name="SUMMARY"><C:text-match>review</C:text-match></C:prop-filter></C:comp-filter>',
      true,
    ],
    [
      'a negated text match',
      '<C:comp-filter name="VEVENT"><C:prop-filter name="SUMMARY"><C:text-match negate-condition="yes">review</C:text-match></C:prop-filter></C:comp-filter>',
      false,
    ],
    [
      'a property that is absent',
      '<C:comp-filter name="VEVENT"><C:prop-filter name="LOCATION"><C:is-not-defined/></C:prop-filter></C:comp-filter>',
      true,
    ],
    [
      'a property that must exist but does not',
      '<C:comp-filter name="VEVENT"><C:prop-filter name="LOCATION"/></C:comp-filter>',
      false,
    ],
  ])('matches when %s: %s', (_, inner, expected) => {
    expect(matchesCalendarFilter(EVENT, filter(inner))).toBe(expected);
  });

  it('matches nothing in content that does not parse', () => {
    expect(matchesCalendarFilter('BEGIN:VCALENDAR', filter('<C:comp-filter name="VEVENT"/>'))).toBe(false);
  });
});

describe('matchesAddressFilter', () => {
  const R = 'xmlns:R="urn:ietf:params:xml:ns:carddav"';
  const CARD =
    'BEGIN:VCARD\r\nVERSION:4.0\r\nUID:c1\r\nFN:Ana Lima\r\nEMAIL:ana@example.com\r\nEND:VCARD\r\n';
  const cardFilter = (test: string, inner: string) =>
    parseDavXml(`<R:filter ${R} test="${test}">${inner}</R:filter>`);
  const fn = (type: string, text: string) =>
    `<R:prop-filter name="FN"><R:text-match match-type="${type}">${text}</R:text-match></R:prop-filter>`;
  const email = (text: string) =>
    `<R:prop-filter name="EMAIL"><R:text-match>${text}</R:text-match></R:prop-filter>`;

  it.each([
    ['equals', fn('equals', 'ana lima'), true],
    ['starts-with', fn('starts-with', 'ana'), true],
    ['ends-with', fn('ends-with', 'lima'), true],
    ['ends-with a miss', fn('ends-with', 'ana'), false],
    ['anyof with one hit', fn('equals', 'x') + email('example.com'), true],
  ])('%s', (_, inner, expected) => {
    expect(matchesAddressFilter(CARD, cardFilter('anyof', inner))).toBe(expected);
  });

  it('needs every prop-filter under allof', () => {
    expect(matchesAddressFilter(CARD, cardFilter('allof', fn('equals', 'x') + email('example.com')))).toBe(
      false,
    );
    expect(
      matchesAddressFilter(CARD, cardFilter('allof', fn('contains', 'LIM') + email('example.com'))),
    ).toBe(true);
  });

  it('matches everything without a filter', () => {
    expect(matchesAddressFilter(CARD, undefined)).toBe(true);
  });
});

import ICAL from 'ical.js';
import { componentNestingError } from './component-structure';
import { registerIntlZones } from './intl-zones';
import { MAX_ATTENDEES, MAX_OVERRIDES, MAX_UID_LENGTH } from './limits';

/** A validated calendar object: one VCALENDAR whose VEVENTs or VTODOs share one UID. */
export interface ParsedCalendar {
  readonly root: ICAL.Component;
  readonly uid: string;
  /** The component without RECURRENCE-ID, if any (an invitation to single instances has none). */
  readonly master?: ICAL.Component;
  readonly overrides: readonly ICAL.Component[];
}

/** Why a calendar object was refused (never echoing its content), or the parsed object. */
export type ParseOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const SCHEDULABLE = new Set(['vevent', 'vtodo']);
/** Frequencies whose instances could not be expanded in bounded time; refused at write time. */
const REFUSED_FREQUENCIES = new Set(['SECONDLY', 'MINUTELY']);

/**
 * Parses and validates a calendar object resource (RFC 4791 §4.1): one VCALENDAR, VEVENT or VTODO components of
 * one UID (a master and RECURRENCE-ID overrides), DTSTART on events, no FREQ=SECONDLY/MINUTELY, limits on
 * attendees and overrides.
 * @param text - the iCalendar text (size already checked)
 * @example
 * const parsed = parseCalendarObject(ics);
 * if (!parsed.ok) return refuse(parsed.reason);
 */
export function parseCalendarObject(text: string): ParseOutcome<ParsedCalendar> {
  const nesting = componentNestingError(text);
  if (nesting) return refused(`Malformed iCalendar: ${nesting}.`);
  registerIntlZones(text);
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch {
    return refused('Malformed iCalendar: it could not be parsed.');
  }
  if (!Array.isArray(jcal) || jcal[0] !== 'vcalendar')
    return refused('A calendar object is exactly one VCALENDAR.');
  const root = new ICAL.Component(jcal as unknown[]);
  const components = root.getAllSubcomponents().filter((each) => each.name !== 'vtimezone');
  if (components.length === 0) return refused('The VCALENDAR has no VEVENT or VTODO.');
  const kind = components[0].name;
  if (!SCHEDULABLE.has(kind) || components.some((each) => each.name !== kind))
    return refused('A calendar object holds VEVENTs or VTODOs of one kind (and VTIMEZONEs).');
  return validateComponents(root, components);
}

function validateComponents(
  root: ICAL.Component,
  components: ICAL.Component[],
): ParseOutcome<ParsedCalendar> {
  const uids = new Set(components.map((each) => each.getFirstPropertyValue('uid')));
  const [uid] = uids;
  if (uids.size !== 1 || typeof uid !== 'string' || uid.trim() === '')
    return refused('Every component of a calendar object has the same, non-empty UID.');
  if (uid.length > MAX_UID_LENGTH) return refused(`A UID has at most ${MAX_UID_LENGTH} characters.`);
  for (const component of components) {
    const problem = componentProblem(component);
    if (problem) return refused(problem);
  }
  const masters = components.filter((each) => !each.hasProperty('recurrence-id'));
  const overrides = components.filter((each) => each.hasProperty('recurrence-id'));
  if (masters.length > 1)
    return refused('A calendar object has at most one component without RECURRENCE-ID.');
  if (overrides.length > MAX_OVERRIDES)
    return refused(`A calendar object has at most ${MAX_OVERRIDES} overridden instances.`);
  const recurrenceIds = new Set(overrides.map((each) => String(each.getFirstPropertyValue('recurrence-id'))));
  if (recurrenceIds.size !== overrides.length) return refused('Two components have the same RECURRENCE-ID.');
  return { ok: true, value: { root, uid, master: masters[0], overrides } };
}

function componentProblem(component: ICAL.Component): string | undefined {
  if (component.getAllProperties('attendee').length > MAX_ATTENDEES)
    return `A component has at most ${MAX_ATTENDEES} attendees.`;
  try {
    const start = component.getFirstPropertyValue('dtstart');
    if (component.name === 'vevent' && !(start instanceof ICAL.Time)) return 'A VEVENT needs a DTSTART.';
    const end = component.getFirstPropertyValue('dtend') ?? component.getFirstPropertyValue('due');
    if (start instanceof ICAL.Time && end instanceof ICAL.Time && end.compare(start) < 0)
      return 'DTEND (or DUE) is before DTSTART.';
    const duration = component.getFirstPropertyValue('duration');
    if (duration instanceof ICAL.Duration && duration.isNegative) return 'DURATION is negative.';
    // Decoding every time value now keeps malformed ones from failing later, in free/busy.
    component.getFirstPropertyValue('recurrence-id');
    for (const name of ['rdate', 'exdate'])
      for (const property of component.getAllProperties(name)) property.getValues();
    for (const property of component.getAllProperties('rrule')) {
      const rule = property.getFirstValue();
      if (!(rule instanceof ICAL.Recur) || !rule.freq) return 'An RRULE has no valid FREQ.';
      if (REFUSED_FREQUENCIES.has(rule.freq)) return `RRULE FREQ=${rule.freq} is not supported.`;
    }
    return undefined;
  } catch {
    return 'A date, duration or recurrence rule is malformed.';
  }
}

function refused(reason: string): ParseOutcome<never> {
  return { ok: false, reason };
}

import { XMLParser } from 'fast-xml-parser';
import type {
  AvailabilityError,
  AvailabilityWindow,
  BusyInterval,
  MailboxAvailability,
  WorkingHours,
} from './types';
import { DAYS_OF_WEEK } from './types';
import {
  DEFAULT_WORKING_HOURS,
  EWS_DAY_NAMES,
  fromEwsTimeZone,
  toEwsTimeZone,
  type EwsTimeZone,
  type EwsZoneTime,
} from './working-hours';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const TYPES = 'http://schemas.microsoft.com/exchange/services/2006/types';
const MESSAGES = 'http://schemas.microsoft.com/exchange/services/2006/messages';

/**
 * An EWS `GetUserAvailability` request (Detailed view) for `mailboxes` over `window`, asked in UTC: a zero-bias
 * TimeZone, so the endpoint answers event times in UTC.
 * @example
 * const xml = getUserAvailabilityRequest(['a@example.com'], { start, end });
 */
export function getUserAvailabilityRequest(mailboxes: readonly string[], window: AvailabilityWindow): string {
  const mailboxData = mailboxes
    .map(
      (address) =>
        `<t:MailboxData><t:Email><t:Address>${escapeXml(address)}</t:Address></t:Email>` +
        '<t:AttendeeType>Required</t:AttendeeType><t:ExcludeConflicts>false</t:ExcludeConflicts></t:MailboxData>',
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${SOAP}" xmlns:t="${TYPES}" xmlns:m="${MESSAGES}">` +
    '<soap:Header><t:RequestServerVersion Version="Exchange2010"/></soap:Header>' +
    '<soap:Body><m:GetUserAvailabilityRequest>' +
    serializableTimeZone(toEwsTimeZone(UTC_ZONE)) +
    `<m:MailboxDataArray>${mailboxData}</m:MailboxDataArray>` +
    '<t:FreeBusyViewOptions><t:TimeWindow>' +
    `<t:StartTime>${localUtc(window.start)}</t:StartTime><t:EndTime>${localUtc(window.end)}</t:EndTime>` +
    '</t:TimeWindow><t:MergedFreeBusyIntervalInMinutes>30</t:MergedFreeBusyIntervalInMinutes>' +
    '<t:RequestedView>Detailed</t:RequestedView></t:FreeBusyViewOptions>' +
    '</m:GetUserAvailabilityRequest></soap:Body></soap:Envelope>'
  );
}

const UTC_ZONE = { name: 'UTC', bias: 0 };

/** `<t:TimeZone>` of a request: the zone its times are written in. */
function serializableTimeZone(zone: EwsTimeZone): string {
  const time = (name: string, part: EwsZoneTime) =>
    `<t:${name}><t:Bias>${part.Bias}</t:Bias><t:Time>${part.Time}</t:Time><t:DayOrder>${part.DayOrder}</t:DayOrder>` +
    `<t:Month>${part.Month}</t:Month><t:DayOfWeek>${part.DayOfWeek}</t:DayOfWeek></t:${name}>`;
  return (
    `<t:TimeZone><t:Bias>${zone.Bias}</t:Bias>${time('StandardTime', zone.StandardTime)}` +
    `${time('DaylightTime', zone.DaylightTime)}</t:TimeZone>`
  );
}

const EWS_CODES: Readonly<Record<string, AvailabilityError>> = {
  ErrorMailRecipientNotFound: 'ERROR_MAIL_RECIPIENT_NOT_FOUND',
  ErrorAvailabilityConfigNotFound: 'ERROR_AVAILABILITY_CONFIG_NOT_FOUND',
  ErrorServerBusy: 'ERROR_SERVER_BUSY',
  ErrorTimeoutExpired: 'ERROR_TIMEOUT_EXPIRED',
  ErrorResponseSchemaValidation: 'ERROR_RESPONSE_SCHEMA_VALIDATION',
};

const BUSY_TYPES: Readonly<Record<string, BusyInterval['busyType']>> = {
  Free: 'FREE',
  Tentative: 'TENTATIVE',
  Busy: 'BUSY',
  OOF: 'OOF',
};

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['FreeBusyResponse', 'CalendarEvent', 'WorkingPeriod'].includes(name),
});

type Node = Record<string, unknown>;

/**
 * Reads a `GetUserAvailabilityResponse` into one answer per requested mailbox (EWS answers in request order).
 * A document that is not such a response, or that has a DTD, fails every mailbox with
 * `ERROR_RESPONSE_SCHEMA_VALIDATION`.
 * @example
 * const answers = readGetUserAvailabilityResponse(xml, ['a@example.com']);
 */
export function readGetUserAvailabilityResponse(
  xml: string,
  mailboxes: readonly string[],
): MailboxAvailability[] {
  let responses: Node[] | undefined;
  // SOAP messages carry no DTD (SOAP 1.1 §3); refusing one also refuses entity-expansion bombs.
  if (/<!DOCTYPE/i.test(xml))
    return mailboxes.map((mailbox) => failed(mailbox, 'ERROR_RESPONSE_SCHEMA_VALIDATION'));
  try {
    const document = parser.parse(xml) as Node;
    const body = path(document, 'Envelope', 'Body', 'GetUserAvailabilityResponse', 'FreeBusyResponseArray');
    responses = (body as Node | undefined)?.FreeBusyResponse as Node[] | undefined;
  } catch {
    responses = undefined;
  }
  return mailboxes.map((mailbox, index) => {
    const response = responses?.[index];
    if (!response) return failed(mailbox, 'ERROR_RESPONSE_SCHEMA_VALIDATION');
    return readFreeBusyResponse(mailbox, response);
  });
}

function readFreeBusyResponse(mailbox: string, response: Node): MailboxAvailability {
  const message = response.ResponseMessage as Node | undefined;
  const code = String(message?.ResponseCode ?? '');
  if (message?.['@ResponseClass'] !== 'Success' || code !== 'NoError') {
    return failed(mailbox, EWS_CODES[code] ?? 'ERROR_FREE_BUSY_GENERATION_FAILED');
  }
  const view = response.FreeBusyView as Node | undefined;
  const events = ((view?.CalendarEventArray as Node | undefined)?.CalendarEvent ?? []) as Node[];
  const busy = events.map(readEvent);
  if (busy.some((event) => event === undefined)) return failed(mailbox, 'ERROR_RESPONSE_SCHEMA_VALIDATION');
  const workingHours = view?.WorkingHours
    ? readWorkingHours(view.WorkingHours as Node)
    : DEFAULT_WORKING_HOURS;
  if (!workingHours) return failed(mailbox, 'ERROR_RESPONSE_SCHEMA_VALIDATION');
  return { mailbox, ok: true, busy: busy as BusyInterval[], workingHours };
}

function readEvent(event: Node): BusyInterval | undefined {
  const start = utcInstant(event.StartTime);
  const end = utcInstant(event.EndTime);
  const busyType = BUSY_TYPES[String(event.BusyType)];
  if (start === undefined || end === undefined || !busyType) return undefined;
  const details = event.CalendarEventDetails as Node | undefined;
  if (!details) return { start, end, busyType };
  const flag = (name: string) => String(details[name]) === 'true';
  return {
    start,
    end,
    busyType,
    details: {
      subject: String(details.Subject ?? ''),
      location: String(details.Location ?? ''),
      instanceType: flag('IsException')
        ? 'EXCEPTION'
        : flag('IsRecurring')
          ? 'RECURRING_INSTANCE'
          : 'SINGLE_INSTANCE',
      isMeeting: flag('IsMeeting'),
      isReminderSet: flag('IsReminderSet'),
      isPrivate: flag('IsPrivate'),
    },
  };
}

function readWorkingHours(node: Node): WorkingHours | undefined {
  const zone = node.TimeZone as Node | undefined;
  const time = (name: string) => {
    const part = (zone?.[name] ?? {}) as Node;
    return {
      Bias: Number(part.Bias ?? 0),
      Time: String(part.Time ?? '00:00:00'),
      DayOrder: Number(part.DayOrder ?? 0),
      Month: Number(part.Month ?? 0),
      DayOfWeek: String(part.DayOfWeek ?? 'Sunday'),
    };
  };
  const ewsZone: EwsTimeZone = {
    Bias: Number(zone?.Bias ?? 0),
    StandardTime: time('StandardTime'),
    DaylightTime: time('DaylightTime'),
  };
  const timezone = fromEwsTimeZone(String(zone?.Name ?? 'EWS'), ewsZone);
  const periods = ((node.WorkingPeriodArray as Node | undefined)?.WorkingPeriod ?? []) as Node[];
  const workingPeriods = periods.map((period) => ({
    startMinutes: Number(period.StartTimeInMinutes),
    endMinutes: Number(period.EndTimeInMinutes),
    days: String(period.DayOfWeek)
      .split(/\s+/)
      .map((name) => DAYS_OF_WEEK[EWS_DAY_NAMES.indexOf(name as (typeof EWS_DAY_NAMES)[number])]),
  }));
  const valid = workingPeriods.every(
    (period) =>
      Number.isInteger(period.startMinutes) &&
      Number.isInteger(period.endMinutes) &&
      period.days.every((day) => day !== undefined),
  );
  if (!timezone || Number.isNaN(ewsZone.Bias) || !valid) return undefined;
  return { timezone, workingPeriods };
}

function path(node: unknown, ...names: string[]): unknown {
  return names.reduce<unknown>((current, name) => (current as Node | undefined)?.[name], node);
}

/** EWS times without a zone designator are in the request's zone, which is UTC. */
function utcInstant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function localUtc(instant: number): string {
  return new Date(instant).toISOString().slice(0, 19);
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
};

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => XML_ESCAPES[c]);
}

function failed(mailbox: string, error: AvailabilityError): MailboxAvailability {
  return { mailbox, ok: false, error };
}

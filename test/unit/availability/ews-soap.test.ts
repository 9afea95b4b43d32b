import { XMLParser } from 'fast-xml-parser';
import {
  getUserAvailabilityRequest,
  readGetUserAvailabilityResponse,
} from '../../../lambdas/core/availability/ews-soap';

/** A GetUserAvailability response as Exchange writes it (namespaced, in request order). */
function ewsResponse(freeBusyResponses: string[]): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">' +
    '<s:Body><GetUserAvailabilityResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
    'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><FreeBusyResponseArray>' +
    freeBusyResponses.join('') +
    '</FreeBusyResponseArray></GetUserAvailabilityResponse></s:Body></s:Envelope>'
  );
}

const success = (view: string) =>
  '<FreeBusyResponse><ResponseMessage ResponseClass="Success"><ResponseCode>NoError</ResponseCode>' +
  `</ResponseMessage><FreeBusyView><t:FreeBusyViewType>Detailed</t:FreeBusyViewType>${view}</FreeBusyView></FreeBusyResponse>`;
const failure = (code: string) =>
  `<FreeBusyResponse><ResponseMessage ResponseClass="Error"><MessageText>x</MessageText><ResponseCode>${code}</ResponseCode></ResponseMessage></FreeBusyResponse>`;

const westernEuropeHours =
  '<t:WorkingHours><t:TimeZone><t:Bias>-60</t:Bias>' +
  '<t:StandardTime><t:Bias>0</t:Bias><t:Time>03:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>10</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:StandardTime>' +
  '<t:DaylightTime><t:Bias>-60</t:Bias><t:Time>02:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>3</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime>' +
  '</t:TimeZone><t:WorkingPeriodArray><t:WorkingPeriod><t:DayOfWeek>Monday Tuesday Wednesday Thursday Friday</t:DayOfWeek>' +
  '<t:StartTimeInMinutes>480</t:StartTimeInMinutes><t:EndTimeInMinutes>1020</t:EndTimeInMinutes></t:WorkingPeriod></t:WorkingPeriodArray></t:WorkingHours>';

describe('EWS GetUserAvailability', () => {
  it('asks for each mailbox in a Detailed view over the window, in UTC, with addresses escaped', () => {
    const xml = getUserAvailabilityRequest(['a@x.example', 'o<b@x.example'], {
      start: Date.parse('2021-05-04T00:00:00Z'),
      end: Date.parse('2021-05-06T00:00:00Z'),
    });
    const parsed = new XMLParser({ removeNSPrefix: true }).parse(xml);
    const request = parsed.Envelope.Body.GetUserAvailabilityRequest;
    expect(request.TimeZone.Bias).toBe(0);
    expect(
      request.MailboxDataArray.MailboxData.map((data: { Email: { Address: string } }) => data.Email.Address),
    ).toEqual(['a@x.example', 'o<b@x.example']);
    expect(request.FreeBusyViewOptions.TimeWindow).toEqual({
      StartTime: '2021-05-04T00:00:00',
      EndTime: '2021-05-06T00:00:00',
    });
    expect(request.FreeBusyViewOptions.RequestedView).toBe('Detailed');
  });

  it('reads events (UTC times, busy types, details) and working hours into the CAP shape', () => {
    const xml = ewsResponse([
      success(
        '<t:CalendarEventArray><t:CalendarEvent><t:StartTime>2021-05-04T09:00:00</t:StartTime><t:EndTime>2021-05-04T10:00:00</t:EndTime>' +
          '<t:BusyType>Tentative</t:BusyType><t:CalendarEventDetails><t:Subject>Review</t:Subject><t:Location>Room 1</t:Location>' +
          '<t:IsMeeting>true</t:IsMeeting><t:IsRecurring>true</t:IsRecurring><t:IsException>false</t:IsException>' +
          '<t:IsReminderSet>false</t:IsReminderSet><t:IsPrivate>false</t:IsPrivate></t:CalendarEventDetails></t:CalendarEvent>' +
          '<t:CalendarEvent><t:StartTime>2021-05-05T12:00:00</t:StartTime><t:EndTime>2021-05-05T13:00:00</t:EndTime><t:BusyType>OOF</t:BusyType></t:CalendarEvent>' +
          '</t:CalendarEventArray>' +
          westernEuropeHours,
      ),
      failure('ErrorMailRecipientNotFound'),
      failure('ErrorSomethingNew'),
    ]);
    const answers = readGetUserAvailabilityResponse(xml, ['a@x.example', 'b@x.example', 'c@x.example']);
    expect(answers[0]).toEqual({
      mailbox: 'a@x.example',
      ok: true,
      busy: [
        {
          start: Date.parse('2021-05-04T09:00:00Z'),
          end: Date.parse('2021-05-04T10:00:00Z'),
          busyType: 'TENTATIVE',
          details: {
            subject: 'Review',
            location: 'Room 1',
            instanceType: 'RECURRING_INSTANCE',
            isMeeting: true,
            isReminderSet: false,
            isPrivate: false,
          },
        },
        {
          start: Date.parse('2021-05-05T12:00:00Z'),
          end: Date.parse('2021-05-05T13:00:00Z'),
          busyType: 'OOF',
        },
      ],
      workingHours: {
        timezone: {
          name: 'EWS',
          bias: 60,
          standardTime: { offset: 0, time: '03:00:00', month: 'OCT', week: 'LAST', dayOfWeek: 'SUN' },
          daylightTime: { offset: 60, time: '02:00:00', month: 'MAR', week: 'LAST', dayOfWeek: 'SUN' },
        },
        workingPeriods: [{ startMinutes: 480, endMinutes: 1020, days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] }],
      },
    });
    expect(answers.slice(1)).toEqual([
      { mailbox: 'b@x.example', ok: false, error: 'ERROR_MAIL_RECIPIENT_NOT_FOUND' },
      { mailbox: 'c@x.example', ok: false, error: 'ERROR_FREE_BUSY_GENERATION_FAILED' },
    ]);
  });

  it('fails mailboxes with a schema error when the answer is not a GetUserAvailability response or is short', () => {
    expect(readGetUserAvailabilityResponse('<<<', ['a@x.example'])).toEqual([
      { mailbox: 'a@x.example', ok: false, error: 'ERROR_RESPONSE_SCHEMA_VALIDATION' },
    ]);
    expect(readGetUserAvailabilityResponse('<html>login</html>', ['a@x.example'])).toEqual([
      { mailbox: 'a@x.example', ok: false, error: 'ERROR_RESPONSE_SCHEMA_VALIDATION' },
    ]);
    expect(
      readGetUserAvailabilityResponse(ewsResponse([success('')]), ['a@x.example', 'b@x.example'])[1],
    ).toEqual({
      mailbox: 'b@x.example',
      ok: false,
      error: 'ERROR_RESPONSE_SCHEMA_VALIDATION',
    });
  });

  it('refuses an answer with a DTD (no entity expansion)', () => {
    const bomb = ewsResponse([success('')]).replace(
      '<s:Envelope',
      '<!DOCTYPE s:Envelope [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><s:Envelope',
    );
    expect(readGetUserAvailabilityResponse(bomb, ['a@x.example'])).toEqual([
      { mailbox: 'a@x.example', ok: false, error: 'ERROR_RESPONSE_SCHEMA_VALIDATION' },
    ]);
    expect(readGetUserAvailabilityResponse(ewsResponse([success('')]), ['a@x.example'])[0].ok).toBe(true);
  });

  it('fails a mailbox whose event has an unknown busy type or unreadable working hours', () => {
    const badEvent = success(
      '<t:CalendarEventArray><t:CalendarEvent><t:StartTime>2021-05-04T09:00:00</t:StartTime><t:EndTime>2021-05-04T10:00:00</t:EndTime>' +
        '<t:BusyType>Maybe</t:BusyType></t:CalendarEvent></t:CalendarEventArray>',
    );
    const badHours = success(westernEuropeHours.replace('Monday Tuesday', 'Moonday Tuesday'));
    expect(
      readGetUserAvailabilityResponse(ewsResponse([badEvent, badHours]), ['a@x.example', 'b@x.example']),
    ).toEqual([
      { mailbox: 'a@x.example', ok: false, error: 'ERROR_RESPONSE_SCHEMA_VALIDATION' },
      { mailbox: 'b@x.example', ok: false, error: 'ERROR_RESPONSE_SCHEMA_VALIDATION' },
    ]);
  });
});

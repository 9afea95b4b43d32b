import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';

/** What the test EWS server answers for one mailbox. */
export type EwsMailboxAnswer =
  | { readonly events: readonly { start: string; end: string; busyType: string; subject?: string }[] }
  | { readonly error: string };

/**
 * A tiny EWS endpoint on loopback: checks Basic credentials (401 otherwise), parses GetUserAvailabilityRequest and
 * answers each mailbox from `calendar` (ErrorMailRecipientNotFound for the others), in request order.
 */
export async function ewsServer(options: {
  readonly username: string;
  readonly password: string;
  readonly calendar: Readonly<Record<string, EwsMailboxAnswer>>;
}) {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="ews"' }).end();
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push(body);
      const parsed = new XMLParser({ removeNSPrefix: true, isArray: (name) => name === 'MailboxData' }).parse(
        body,
      );
      const data = parsed.Envelope.Body.GetUserAvailabilityRequest.MailboxDataArray.MailboxData as {
        Email: { Address: string };
      }[];
      const responses = data.map(({ Email }) => freeBusyResponse(options.calendar[Email.Address]));
      res
        .writeHead(200, { 'content-type': 'text/xml; charset=utf-8' })
        .end(
          '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
            '<m:GetUserAvailabilityResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
            'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:FreeBusyResponseArray>' +
            responses.join('') +
            '</m:FreeBusyResponseArray></m:GetUserAvailabilityResponse></s:Body></s:Envelope>',
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/EWS/Exchange.asmx`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function freeBusyResponse(answer: EwsMailboxAnswer | undefined): string {
  if (!answer || 'error' in answer) {
    return (
      '<m:FreeBusyResponse><m:ResponseMessage ResponseClass="Error"><m:MessageText>No mailbox</m:MessageText>' +
      `<m:ResponseCode>${answer?.error ?? 'ErrorMailRecipientNotFound'}</m:ResponseCode></m:ResponseMessage></m:FreeBusyResponse>`
    );
  }
  const events = answer.events
    .map(
      (event) =>
        `<t:CalendarEvent><t:StartTime>${event.start}</t:StartTime><t:EndTime>${event.end}</t:EndTime>` +
        `<t:BusyType>${event.busyType}</t:BusyType>` +
        (event.subject
          ? `<t:CalendarEventDetails><t:Subject>${event.subject}</t:Subject><t:Location/><t:IsMeeting>false</t:IsMeeting>` +
            '<t:IsRecurring>false</t:IsRecurring><t:IsException>false</t:IsException><t:IsReminderSet>false</t:IsReminderSet>' +
            '<t:IsPrivate>false</t:IsPrivate></t:CalendarEventDetails>'
          : '') +
        '</t:CalendarEvent>',
    )
    .join('');
  return (
    '<m:FreeBusyResponse><m:ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
    '</m:ResponseMessage><m:FreeBusyView><t:FreeBusyViewType>Detailed</t:FreeBusyViewType>' +
    `<t:CalendarEventArray>${events}</t:CalendarEventArray>` +
    '<t:WorkingHours><t:TimeZone><t:Bias>-60</t:Bias>' +
    '<t:StandardTime><t:Bias>0</t:Bias><t:Time>03:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>10</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:StandardTime>' +
    '<t:DaylightTime><t:Bias>-60</t:Bias><t:Time>02:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>3</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime>' +
    '</t:TimeZone><t:WorkingPeriodArray><t:WorkingPeriod><t:DayOfWeek>Monday Tuesday Wednesday Thursday Friday</t:DayOfWeek>' +
    '<t:StartTimeInMinutes>480</t:StartTimeInMinutes><t:EndTimeInMinutes>1020</t:EndTimeInMinutes></t:WorkingPeriod>' +
    '</t:WorkingPeriodArray></t:WorkingHours></m:FreeBusyView></m:FreeBusyResponse>'
  );
}

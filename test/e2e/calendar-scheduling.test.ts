import {
  CreateOrganizationCommand,
  CreateResourceCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
} from '@aws-sdk/client-workmail';
import { createTransport } from 'nodemailer';
import type { MailboxRef } from '../../lambdas/core/calendar/types';
import {
  attendeesOf,
  parseSchedulingObject,
  schedulingComponents,
} from '../../lambdas/core/scheduling/itip-message';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { outsideWorldResolver, startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'itip.example.com';
const ANA = `ana@${DOMAIN}`;
const BEN = `ben@${DOMAIN}`;
const ROOM = `room@${DOMAIN}`;

/** Ana's meeting with Ben and the room, 10 December 2026 09:00–10:00 UTC. */
const meeting = (uid: string, organizer = ANA, ...extra: string[]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mailwright e2e//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20261204T120000Z',
    'DTSTART:20261210T090000Z',
    'DTEND:20261210T100000Z',
    'SUMMARY:Planning',
    `ORGANIZER:mailto:${organizer}`,
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${organizer}`,
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${BEN}`,
    ...extra,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

describe('E2E: iTIP over mail (SMTP submission, SMTP ingress, the local runtime)', () => {
  let mw: TestRuntime;
  let ana: MailboxRef;
  let ben: MailboxRef;
  let room: MailboxRef;

  /** Sends an iMIP message with nodemailer's calendar support, signed in over SMTP submission as `login`. */
  const submitItip = (login: string, to: string[], method: string, content: string) =>
    createTransport({
      host: mw.submission.host,
      port: mw.submission.port,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: login, pass: JMAP_USER_PASSWORD },
    }).sendMail({
      from: login,
      to,
      subject: 'Planning',
      text: 'See the invitation.',
      icalEvent: { method, content },
    });
  const partstat = async (owner: MailboxRef, uid: string, address: string) => {
    const stored = await mw.calendars.findByUid(owner, 'calendar', uid);
    const parsed = stored && parseSchedulingObject(stored.content);
    if (!parsed || !parsed.ok) return undefined;
    return attendeesOf(schedulingComponents(parsed.value.calendar)[0]!).find(
      (each) => each.address === address,
    )?.partstat;
  };

  beforeAll(async () => {
    mw = await startTestRuntime({ resolver: outsideWorldResolver });
    const workmail = mw.workmail();
    const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: 'itip' }));
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    const organizationId = OrganizationId!;
    ana = { organizationId, mailboxId: (await jmapUser(mw, organizationId, 'ana', ANA)).userId };
    ben = { organizationId, mailboxId: (await jmapUser(mw, organizationId, 'ben', BEN)).userId };
    const { ResourceId } = await workmail.send(
      new CreateResourceCommand({ OrganizationId: organizationId, Name: 'room', Type: 'ROOM' }),
    );
    await workmail.send(
      new RegisterToWorkMailCommand({ OrganizationId: organizationId, EntityId: ResourceId, Email: ROOM }),
    );
    room = { organizationId, mailboxId: ResourceId! };
  }, 90_000);
  afterAll(() => mw?.stop());

  it("delivers Ana's invitation into Ben's calendar and books the room, whose answer reaches Ana's copy", async () => {
    const invitation = meeting('e2e-1', ANA, `ATTENDEE;CUTYPE=ROOM;RSVP=TRUE:mailto:${ROOM}`);
    // Ana's calendar app keeps her copy (over CalDAV) and sends the invitation by mail.
    await mw.calendars.putObject(ana, 'calendar', 'e2e-1.ics', invitation);

    await submitItip(
      ANA,
      [BEN, ROOM],
      'REQUEST',
      invitation.replace('VERSION:2.0', 'VERSION:2.0\r\nMETHOD:REQUEST'),
    );

    expect(await partstat(ben, 'e2e-1', BEN)).toBe('NEEDS-ACTION');
    expect(await partstat(room, 'e2e-1', ROOM)).toBe('ACCEPTED');
    expect(await partstat(ana, 'e2e-1', ROOM)).toBe('ACCEPTED');
  });

  it("applies Ben's acceptance, sent by mail, to Ana's copy", async () => {
    const reply = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Mailwright e2e//EN',
      'METHOD:REPLY',
      'BEGIN:VEVENT',
      'UID:e2e-1',
      'DTSTAMP:20261205T080000Z',
      `ORGANIZER:mailto:${ANA}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${BEN}`,
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');

    await submitItip(BEN, [ANA], 'REPLY', reply);

    expect(await partstat(ana, 'e2e-1', BEN)).toBe('ACCEPTED');
  });

  it("puts an outside organizer's invitation arriving over SMTP into the attendee's calendar", async () => {
    const olga = 'olga@outside.example.net';
    const content = meeting('e2e-outside', olga).replace('VERSION:2.0', 'VERSION:2.0\r\nMETHOD:REQUEST');

    await createTransport({
      host: mw.smtp.host,
      port: mw.smtp.port,
      secure: false,
      ignoreTLS: true,
    }).sendMail({
      envelope: { from: olga, to: [BEN] },
      from: olga,
      to: BEN,
      subject: 'Invitation',
      text: 'Join us',
      icalEvent: { method: 'REQUEST', content },
    });

    expect(await partstat(ben, 'e2e-outside', BEN)).toBe('NEEDS-ACTION');
  });
});

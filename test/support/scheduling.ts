import type { MailboxRef } from '../../lambdas/core/calendar/types';
import { parseMessageHeaders } from '../../lambdas/core/delivery/parse-headers';
import type { BookingOptions } from '../../lambdas/core/directory/types';
import { composeItipMail } from '../../lambdas/core/scheduling/compose-mail';
import { SchedulingInboxService } from '../../lambdas/core/scheduling/inbox';
import {
  attendeesOf,
  parseItip,
  parseSchedulingObject,
  schedulingComponents,
  type ItipMethod,
} from '../../lambdas/core/scheduling/itip-message';
import type { OutgoingMail, SchedulingDeps, SchedulingMailbox } from '../../lambdas/core/scheduling/ports';
import { findCalendarPart } from '../../lambdas/core/scheduling/calendar-part';
import { calendarTestModel, type CalendarTestModel } from './calendar-model';

export const ORG = 'm-0123456789abcdef0123456789abcdef';

/** One mailbox of the test organization. */
interface TestMailbox extends SchedulingMailbox {
  readonly mailboxId: string;
  readonly delegates?: readonly string[];
}

/** A sent iMIP message, read back: who sent it, to whom, its method and calendar. */
export interface SentItip {
  readonly mail: OutgoingMail;
  readonly from: string;
  readonly sender?: string;
  readonly to: string[];
  readonly subject: string;
  readonly method: ItipMethod;
  readonly calendarText: string;
}

/**
 * Scheduling over the real calendar model (DynamoDB Local, s3rver for nothing but the wiring): a directory of
 * users and resources in memory, and an outbox that records each message and delivers it to the recipients'
 * scheduling inbox, as sending delivers mail to colleagues.
 */
export async function schedulingHarness(): Promise<{
  t: CalendarTestModel;
  deps: SchedulingDeps;
  inbox: SchedulingInboxService;
  sent: SentItip[];
  addUser(name: string): Promise<MailboxRef>;
  addResource(name: string, options: BookingOptions, delegates?: string[]): Promise<MailboxRef>;
  deliver(to: string, raw: Buffer): Promise<string>;
  itip(from: string, to: string, method: ItipMethod, calendarText: string): Promise<string>;
  partstat(owner: MailboxRef, uid: string, address: string): Promise<string | undefined>;
  close(): Promise<void>;
}> {
  const t = await calendarTestModel();
  const byAddress = new Map<string, TestMailbox>();
  const sent: SentItip[] = [];
  const deps: SchedulingDeps = {
    calendars: t.model,
    directory: {
      mailbox: async (_org, mailboxId) => [...byAddress.values()].find((box) => box.mailboxId === mailboxId),
      delegateAddresses: async (_org, resourceId) =>
        [...byAddress.values()].find((box) => box.mailboxId === resourceId)?.delegates?.slice() ?? [],
    },
    outbox: {
      send: async (mail) => {
        const headers = parseMessageHeaders(mail.raw);
        const text = findCalendarPart(mail.raw)!;
        const parsed = parseItip(text);
        if (!parsed.ok) throw new Error(parsed.reason);
        const to = (headers.to ?? '').split(',').map((address) => address.trim().toLowerCase());
        const sender = /^Sender: (.*)\r$/m.exec(mail.raw.toString())?.[1];
        sent.push({
          mail,
          from: (headers.from ?? '').trim().toLowerCase(),
          ...(sender ? { sender } : {}),
          to,
          subject: headers.subject ?? '',
          method: parsed.value.method,
          calendarText: text,
        });
        for (const address of to) if (byAddress.has(address)) await deliver(address, mail.raw);
        return 'sent';
      },
    },
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    now: () => t.clock.now,
  };
  const inbox = new SchedulingInboxService(deps);
  let messages = 0;
  const deliver = (to: string, raw: Buffer) => {
    const box = byAddress.get(to)!;
    return inbox.received({
      messageId: `m${(messages += 1)}`,
      target: {
        recipient: to,
        organizationId: ORG,
        mailboxId: box.mailboxId,
        kind: box.kind,
        quotaBytes: 1e9,
        email: box.email,
      },
      raw,
      headers: parseMessageHeaders(raw),
    });
  };
  const add = async (name: string, box: Omit<TestMailbox, 'mailboxId' | 'email' | 'aliases' | 'enabled'>) => {
    const mailboxId = `S-1-1-${name}`;
    byAddress.set(`${name}@example.com`, {
      ...box,
      mailboxId,
      email: `${name}@example.com`,
      aliases: [],
      enabled: true,
    });
    await t.mailboxes.provision(ORG, mailboxId);
    return { organizationId: ORG, mailboxId };
  };
  return {
    t,
    deps,
    inbox,
    sent,
    addUser: (name) => add(name, { kind: 'USER' }),
    addResource: (name, bookingOptions, delegates) =>
      add(name, { kind: 'RESOURCE', bookingOptions, ...(delegates ? { delegates } : {}) }),
    deliver,
    itip: async (from, to, method, calendarText) => {
      const parsed = parseSchedulingObject(calendarText);
      if (!parsed.ok) throw new Error(parsed.reason);
      const raw = await composeItipMail({
        from,
        to: [to],
        method,
        calendar: parsed.value.calendar,
        date: t.clock.now,
      });
      return deliver(to, raw);
    },
    partstat: async (owner, uid, address) => {
      const stored = await t.model.findByUid(owner, 'calendar', uid);
      const parsed = stored && parseSchedulingObject(stored.content);
      if (!parsed || !parsed.ok) return undefined;
      const component = schedulingComponents(parsed.value.calendar)[0]!;
      return attendeesOf(component).find((attendee) => attendee.address === address)?.partstat;
    },
    close: () => t.close(),
  };
}

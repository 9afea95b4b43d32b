// A CAP function for tests: `busy@` has one event (starting before the window), `missing@` is left out of the
// answer, `unknown@` is MailboxNotFound, `broken@` breaks the schema; everything else is free.
export async function handler(event) {
  const mailboxes = event.mailboxes
    .filter((mailbox) => !mailbox.startsWith('missing@'))
    .map((mailbox) => {
      if (mailbox.startsWith('unknown@')) return { mailbox, error: 'MailboxNotFound' };
      if (mailbox.startsWith('broken@'))
        return { mailbox, events: [{ startTime: 'soon', busyType: 'BUSY' }] };
      const events = mailbox.startsWith('busy@')
        ? [{ startTime: '2021-05-03T23:00:00.000Z', endTime: '2021-05-04T03:00:00.000Z', busyType: 'BUSY' }]
        : [];
      return {
        mailbox,
        events,
        workingHours: {
          timezone: { name: 'UTC', bias: 0 },
          workingPeriods: [
            { startMinutes: 540, endMinutes: 1020, days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] },
          ],
        },
      };
    });
  return { mailboxes, seen: event };
}

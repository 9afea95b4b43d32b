import { describe, expect, it } from '@jest/globals';
import { parseSchedulingObject } from '../../../lambdas/core/scheduling/itip-message';
import { sendItip } from '../../../lambdas/core/scheduling/send-itip';
import { submissionOutbox } from '../../../lambdas/core/scheduling/submission-outbox';
import { MemoryLogger } from '../delivery/doubles';
import { ORG, sendingSetup } from '../sending/harness';
import { ics, meeting } from './ics';

const calendar = () => {
  const parsed = parseSchedulingObject(ics(undefined, meeting()));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value.calendar;
};
const ROOM = { organizationId: ORG, userId: 'room', email: 'room@example.com' };
const reply = {
  organizationId: ORG,
  mailboxId: 'room',
  from: 'room@example.com',
  to: ['ana@example.com'],
  method: 'REPLY' as const,
  actor: ROOM,
  automatic: true,
};

describe('Scheduling: sending iMIP mail', () => {
  it('sends through submit from the mailbox, delivering to colleagues and keeping no Sent Items copy', async () => {
    const t = sendingSetup();
    t.add('room@example.com', { entityId: 'room', kind: 'RESOURCE' });
    const logger = new MemoryLogger();

    const outcome = await sendItip(
      { outbox: submissionOutbox(() => t.deps), logger, now: () => 0 },
      { ...reply, calendar: calendar() },
    );

    expect(outcome).toBe('sent');
    expect(t.copyIn('ana')).toMatch(/^Content-Type: text\/calendar; charset=utf-8; method=REPLY\r$/m);
    expect(t.delivered.filter((copy) => copy.folder === 'SENT_ITEMS')).toEqual([]);
  });

  it('reports and logs a refusal of the sending core, without addresses or content', async () => {
    const t = sendingSetup();
    const logger = new MemoryLogger();

    const outcome = await sendItip(
      { outbox: submissionOutbox(() => t.deps), logger, now: () => 0 },
      { ...reply, calendar: calendar() },
    );

    expect(outcome).toBe('forbiddenFrom');
    expect(logger.entries).toEqual([
      {
        level: 'warn',
        message: 'scheduling message refused',
        attributes: { method: 'REPLY', outcome: 'forbiddenFrom' },
      },
    ]);
  });

  it('reports a failure to send as failed, logging the error name only', async () => {
    const logger = new MemoryLogger();
    const outbox = {
      send: async () => {
        throw Object.assign(new Error('Planning with ana@example.com'), { name: 'OutboundSendError' });
      },
    };

    const outcome = await sendItip({ outbox, logger }, { ...reply, calendar: calendar() });

    expect(outcome).toBe('failed');
    expect(logger.entries).toEqual([
      {
        level: 'warn',
        message: 'scheduling message not sent',
        attributes: { method: 'REPLY', error: 'OutboundSendError' },
      },
    ]);
  });
});

import type { DeliverInput } from '../../../lambdas/core/mailbox/types';
import type { Entity } from '../../../lambdas/core/directory/types';
import {
  DELAY_NOTICE_AFTER_MS,
  processSendEvent,
  processSendEventNotifications,
  type SendEventDeps,
} from '../../../lambdas/core/send-events';
import { MemoryLogger } from '../delivery/doubles';
import { BOUNCE, COMPLAINT, DELIVERY_DELAY, snsEvent, tagged } from './ses-events';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const OTHER_ORG = 'm-fedcba9876543210fedcba9876543210';
const ANA = 'a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d';
const BEN = 'b1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d';

function entity(fields: Partial<Entity> & Pick<Entity, 'organizationId' | 'entityId'>): Entity {
  return {
    kind: 'USER',
    name: fields.entityId,
    state: 'ENABLED',
    aliases: [],
    hiddenFromGlobalAddressList: false,
    createdAt: 0,
    ...fields,
  };
}

function setup() {
  const entities = new Map<string, Entity>();
  const add = (e: Entity) => entities.set(`${e.organizationId}/${e.entityId}`, e);
  add(entity({ organizationId: ORG, entityId: ANA, email: 'ana@example.com', mailboxQuotaMegabytes: 10 }));
  add(entity({ organizationId: OTHER_ORG, entityId: BEN, email: 'ben@other.example' }));
  const delivered: DeliverInput[] = [];
  const full = new Set<string>();
  const logger = new MemoryLogger();
  const deps: SendEventDeps = {
    entities: {
      getEntity: async (organizationId, entityId) => entities.get(`${organizationId}/${entityId}`),
    },
    mailboxes: {
      deliver: async (input) => {
        if (full.has(input.mailboxId)) {
          const error = new Error('full');
          error.name = 'MailboxQuotaExceededError';
          throw error;
        }
        delivered.push(input);
        return { stored: true };
      },
    },
    quotas: { defaultMailboxQuotaMegabytes: 50 },
    reportingMta: 'mail.example.com',
    logger,
    now: () => Date.UTC(2027, 0, 15, 12),
  };
  return { deps, delivered, logger, full, add };
}

describe('Send events: processSendEvent', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });
  const logText = () => JSON.stringify(t.logger.entries);

  it('puts a report of a bounce into the Inbox of the mailbox the tags name, addressed to it', async () => {
    const outcome = await processSendEvent(t.deps, tagged(BOUNCE, { organizationId: ORG, mailboxId: ANA }));

    expect(outcome).toEqual({ outcome: 'reported', reportId: expect.stringMatching(/^B[0-9a-f]{40}$/) });
    expect(t.delivered).toHaveLength(1);
    expect(t.delivered[0]).toMatchObject({
      organizationId: ORG,
      mailboxId: ANA,
      folder: 'INBOX',
      messageId: outcome.outcome === 'reported' ? outcome.reportId : '',
      quotaBytes: 10 * 1024 * 1024,
      summary: { subject: 'Undeliverable: Message sent from Amazon SES' },
    });
    expect(t.delivered[0]?.raw.toString()).toMatch(/^To: <ana@example\.com>\r$/m);
    expect(t.logger.entries).toContainEqual({
      level: 'info',
      message: 'Outgoing email bounced',
      attributes: {
        eventType: 'Bounce',
        sesMessageId: BOUNCE.mail.messageId,
        organizationId: ORG,
        mailboxId: ANA,
        kind: 'Permanent/General',
        recipients: 1,
        statuses: ['5.1.1'],
      },
    });
  });

  it('stores a duplicated event under the same message id, so the mailbox keeps one report', async () => {
    const text = tagged(BOUNCE, { organizationId: ORG, mailboxId: ANA });

    await processSendEventNotifications(t.deps, snsEvent(text, text));

    expect(t.delivered).toHaveLength(2);
    expect(t.delivered[1]?.messageId).toBe(t.delivered[0]?.messageId);
  });

  it('ignores an event without Mailwright’s tags, logging no address', async () => {
    const outcome = await processSendEvent(t.deps, JSON.stringify(BOUNCE));

    expect(outcome).toEqual({ outcome: 'ignored', reason: 'untagged' });
    expect(t.delivered).toEqual([]);
    expect(t.logger.entries.map((entry) => entry.attributes.reason)).toEqual(['untagged']);
    expect(logText()).not.toContain('@');
  });

  it('never reports into a mailbox of another organization than the tagged one', async () => {
    const outcome = await processSendEvent(t.deps, tagged(BOUNCE, { organizationId: ORG, mailboxId: BEN }));

    expect(outcome).toEqual({ outcome: 'ignored', reason: 'unknownMailbox' });
    expect(t.delivered).toEqual([]);
  });

  it('ignores tags naming a group, a disabled user or an entity whose record names another organization', async () => {
    t.add(entity({ organizationId: ORG, entityId: 'g1', kind: 'GROUP', email: 'team@example.com' }));
    t.add(entity({ organizationId: ORG, entityId: 'u1', state: 'DISABLED', email: 'old@example.com' }));
    t.add({
      ...entity({ organizationId: ORG, entityId: 'u2', email: 'x@example.com' }),
      organizationId: OTHER_ORG,
    });

    for (const mailboxId of ['g1', 'u1', 'u2', 'nobody'])
      expect(await processSendEvent(t.deps, tagged(BOUNCE, { organizationId: ORG, mailboxId }))).toEqual({
        outcome: 'ignored',
        reason: 'unknownMailbox',
      });
    expect(t.delivered).toEqual([]);
  });

  it('only logs a complaint, with its count and feedback type, for the admin', async () => {
    const outcome = await processSendEvent(
      t.deps,
      tagged(COMPLAINT, { organizationId: ORG, mailboxId: ANA }),
    );

    expect(outcome).toEqual({ outcome: 'ignored', reason: 'complaint' });
    expect(t.delivered).toEqual([]);
    expect(t.logger.entries).toEqual([
      {
        level: 'info',
        message: 'Outgoing email complaint',
        attributes: expect.objectContaining({ organizationId: ORG, recipients: 1, feedbackType: 'abuse' }),
      },
    ]);
    expect(logText()).not.toContain('@');
  });

  it('tells the sender of a delay only once SES has been trying for four hours', async () => {
    const origin = { organizationId: ORG, mailboxId: ANA };
    const short = tagged(DELIVERY_DELAY, origin);
    const long = tagged(DELIVERY_DELAY, origin, (event) => {
      event.deliveryDelay.timestamp = new Date(
        Date.parse(event.mail.timestamp) + DELAY_NOTICE_AFTER_MS,
      ).toISOString();
    });

    expect(await processSendEvent(t.deps, short)).toEqual({ outcome: 'ignored', reason: 'shortDelay' });
    expect(t.delivered).toEqual([]);
    expect(await processSendEvent(t.deps, long)).toMatchObject({ outcome: 'reported' });
    expect(t.delivered[0]?.summary.subject).toBe('Delivery delayed: (no subject)');
  });

  it('stores no report in a full mailbox, and says so in the log', async () => {
    t.full.add(ANA);

    const outcome = await processSendEvent(t.deps, tagged(BOUNCE, { organizationId: ORG, mailboxId: ANA }));

    expect(outcome).toEqual({ outcome: 'ignored', reason: 'mailboxFull' });
    expect(t.logger.entries.at(-1)).toMatchObject({ level: 'warn', attributes: { reason: 'mailboxFull' } });
  });

  it('ignores a message that is not a sending event', async () => {
    expect(await processSendEvent(t.deps, 'hello')).toEqual({ outcome: 'ignored', reason: 'unreadable' });
  });

  it('lets a directory failure through, so Lambda retries the event', async () => {
    const failure = new Error('throttled');
    t.deps = { ...t.deps, entities: { getEntity: async () => Promise.reject(failure) } };

    await expect(
      processSendEvent(t.deps, tagged(BOUNCE, { organizationId: ORG, mailboxId: ANA })),
    ).rejects.toBe(failure);
  });
});

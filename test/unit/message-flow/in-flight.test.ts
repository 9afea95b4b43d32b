import { openInFlightMessage } from '../../../lambdas/core/message-flow';
import { MemoryInFlightMessageStore } from './memory-stores';

describe('Message Flow: openInFlightMessage', () => {
  it('records a received message as in transit, bound to no rule, usable for 24 hours', async () => {
    const inFlight = new MemoryInFlightMessageStore();
    const original = { bucket: 'inbound', key: 'incoming/ses-1' };

    const { messageId } = await openInFlightMessage(
      { inFlight, now: () => 1_700_000_000_000 },
      { organizationId: 'm-1', mailboxIds: ['S-1-1'], direction: 'INBOUND', original },
    );

    expect(await inFlight.get(messageId)).toEqual({
      messageId,
      organizationId: 'm-1',
      mailboxIds: ['S-1-1'],
      direction: 'INBOUND',
      original,
      state: 'IN_TRANSIT',
      ruleArns: [],
      createdAt: 1_700_000_000_000,
      expiresAt: 1_700_086_400_000,
    });
  });
});

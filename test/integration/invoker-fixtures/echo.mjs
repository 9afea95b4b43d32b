// A flow-rule function stand-in: answers with the invocation id it saw, after an optional delay.
import { setTimeout as sleep } from 'node:timers/promises';

export const calls = [];
export const handler = async (event, context) => {
  calls.push({ event, context });
  if (event.subject === 'slow') await sleep(500);
  if (event.subject === 'throw') throw new Error('handler failed');
  return {
    actions: [{ action: { type: 'DEFAULT' }, allRecipients: true }],
    invocationId: event.invocationId,
  };
};

import type { DecisionInput, RecipientDecider, RecipientDecision } from './ports';

/**
 * The decision when no DMARC enforcement or flow rule applies (flow rules' DEFAULT action, message-flow.md §3):
 * a spam verdict of FAIL puts the message in the Junk folder, anything else in the Inbox.
 * @example
 * const decisions = await spamVerdictDecider.decide(input); // [{ action: 'DELIVER', folder: 'INBOX' }, …]
 */
export const spamVerdictDecider: RecipientDecider = {
  async decide(input: DecisionInput): Promise<readonly RecipientDecision[]> {
    const folder = input.verdicts.spam === 'FAIL' ? 'JUNK_EMAIL' : 'INBOX';
    return input.recipients.map(() => ({ action: 'DELIVER', folder }));
  },
};

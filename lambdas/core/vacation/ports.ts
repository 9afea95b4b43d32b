import type { VacationResponse } from './types';

/**
 * A user's vacation response, stored sealed (subject and bodies are user content). `put` also keeps the
 * window (`VacationWindow`) on the user's mailbox record, in the same atomic write, so deliveries read it for free.
 */
export interface VacationSettingsStore {
  /** The stored response, or `undefined` when the user never set one. */
  get(organizationId: string, userId: string): Promise<VacationResponse | undefined>;
  /** Replaces the response and the mailbox record's window (removed while disabled). */
  put(organizationId: string, userId: string, response: VacationResponse): Promise<void>;
}

/** Which senders a user's vacation response has answered, each remembered until its period ends. */
export interface VacationReplyLog {
  /**
   * Remembers that `sender` is answered now, unless a reply to it is remembered until after `now`; one conditional
   * write, so concurrent deliveries answer once. The sender is kept only as a keyed hash.
   * @param untilMs - when the next reply to this sender may go out (epoch ms)
   * @returns true when this call may send the reply
   */
  remember(
    organizationId: string,
    userId: string,
    sender: string,
    now: number,
    untilMs: number,
  ): Promise<boolean>;
  /** Forgets a sender (its reply could not be sent), so that its next message is answered. */
  forget(organizationId: string, userId: string, sender: string): Promise<void>;
}

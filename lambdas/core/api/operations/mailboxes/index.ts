import type { Operation } from '../../operation';
import { rotateMailboxKey } from './rotate-mailbox-key';

export { rotateMailboxKey } from './rotate-mailbox-key';

/** The mailbox operations of the catalog (Mailwright extensions, served as `MailwrightService.<Action>`). */
export const mailboxOperations: readonly Operation[] = [rotateMailboxKey];

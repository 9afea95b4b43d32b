import { randomBytes } from 'node:crypto';

/** Message Flow API id format (`messageId` 1–120, `[a-z0-9\-]*`). */
export const MESSAGE_ID_PATTERN = /^[a-z0-9-]{1,120}$/;
/** How long an id stays usable after receipt or submission (§7.6: 24 hours). */
export const MESSAGE_FLOW_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * A new in-flight message id: 128 random bits in the UUID-like layout of the event example
 * (8-4-4-4-12 lower-case hex, no version bits, so all 128 bits are random). It is the capability that lets a
 * flow-rule function read and replace the message, so it must come from a CSPRNG and is never derived.
 * @param random - source of random bytes (tests inject a fixed one)
 * @example
 * newMessageFlowId() // 'c0b8a3e2-5d1f-4e7a-9b3c-2f6d8e1a4b7c'
 */
export function newMessageFlowId(random: (size: number) => Uint8Array = randomBytes): string {
  const hex = Buffer.from(random(16)).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

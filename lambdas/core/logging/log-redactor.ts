import { createHmac } from 'node:crypto';
import { deriveDeploymentSubkey } from '../crypto/deployment-keys';
import type { DeliveryLogger } from '../delivery/ports';

/** Attributes written to a log line, as the structured loggers take them. */
type Attributes = Readonly<Record<string, unknown>>;

/** Anything shaped like an addr-spec: `local@domain` without separators (quoted local parts are rare in logs). */
const ADDRESS = /[^\s<>"'(),;:@[\]]+@[^\s<>"'(),;:@[\]]+/gu;
/** A key prefix such as the ledger's `ADDR#` before an address, kept so the pseudonym matches the address's. */
const KEY_PREFIX = /^[A-Z]+#/;
/** Attributes holding message content: replaced whole. */
const CONTENT_KEY = /subject|snippet|body/i;
/**
 * Attributes named like address header fields may carry display names: only the pseudonyms of their addresses are
 * kept. (Addresses anywhere else are replaced wherever they appear in a string.)
 */
const ADDRESS_KEY = /^(from|sender|to|cc|bcc|reply-?to|return-?path)$/i;
const MAX_DEPTH = 8;

/** What stands in for an address before a key is set (the API, or a failed key load): redacted, not correlatable. */
export const UNKEYED_ADDRESS = 'addr:redacted';
/** What stands in for a subject or other message content. */
export const REDACTED_CONTENT = '[redacted]';

/**
 * The one place log lines are made safe: email addresses become keyed pseudonyms (`addr:` and 16 hex digits of
 * HMAC-SHA256 of the trimmed, lower-cased address under a subkey of a deployment key), so operators can follow one
 * address across lines without the logs revealing it; subjects, snippets and bodies are replaced by `[redacted]`.
 * It walks every attribute (nested objects, arrays, errors), so a new log call cannot leak an address by accident.
 * @example
 * const redactor = new LogRedactor();
 * redactor.useKey(ledgerKey);
 * const logger = redactor.wrap(powertoolsLogger);
 * logger.info('RULE_APPLIED', { recipients: ['a@example.com'] }); // recipients: ['addr:5f0c…']
 */
export class LogRedactor {
  private key?: Buffer;

  /**
   * Sets the deployment key the pseudonyms derive from; the first key set stays (pseudonyms never change within a
   * process). Until then addresses become {@link UNKEYED_ADDRESS}.
   * @param deploymentKey - a 256-bit deployment key (the delivery ledger's); a purpose-bound subkey is used
   */
  useKey(deploymentKey: Uint8Array): void {
    this.key ??= deriveDeploymentSubkey(deploymentKey, 'logs/address-pseudonym');
  }

  /** The pseudonym of one address: equal for equal addresses (case-insensitive) under one deployment key. */
  pseudonym(address: string): string {
    if (!this.key) return UNKEYED_ADDRESS;
    const mac = createHmac('sha256', this.key).update(address.trim().toLowerCase()).digest('hex');
    return `addr:${mac.slice(0, 16)}`;
  }

  /** A copy of `attributes` with every address pseudonymized and every content field redacted. */
  redact(attributes: Attributes): Record<string, unknown> {
    return this.object(attributes, 0, new WeakSet());
  }

  /** `text` with every address in it replaced by its pseudonym (a ledger key's `ADDR#` prefix is kept). */
  redactText(text: string): string {
    return text.replace(ADDRESS, (found) => {
      const prefix = KEY_PREFIX.exec(found)?.[0] ?? '';
      return prefix + this.pseudonym(found.slice(prefix.length));
    });
  }

  /** A logger that redacts the message and the attributes of every line before `inner` writes them. */
  wrap(inner: DeliveryLogger): DeliveryLogger {
    return {
      info: (message, attributes) => inner.info(this.redactText(message), this.redact(attributes)),
      warn: (message, attributes) => inner.warn(this.redactText(message), this.redact(attributes)),
      error: (message, attributes) => inner.error(this.redactText(message), this.redact(attributes)),
    };
  }

  private object(value: object, depth: number, seen: WeakSet<object>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = this.field(key, entry, depth + 1, seen);
    return out;
  }

  private field(key: string, value: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (value === undefined || value === null) return value;
    if (CONTENT_KEY.test(key)) return REDACTED_CONTENT;
    if (ADDRESS_KEY.test(key) && typeof value === 'string') {
      const addresses = value.match(ADDRESS) ?? [];
      return addresses.length === 0 ? REDACTED_CONTENT : addresses.map((a) => this.pseudonym(a)).join(', ');
    }
    if (Array.isArray(value)) return value.map((item) => this.field(key, item, depth + 1, seen));
    return this.value(value, depth, seen);
  }

  private value(value: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (typeof value !== 'object' || value === null) return value;
    if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
    if (value instanceof Date) return value;
    if (depth > MAX_DEPTH) return '[nested too deep]';
    if (seen.has(value)) return '[circular]';
    seen.add(value);
    if (Array.isArray(value)) return value.map((item) => this.value(item, depth + 1, seen));
    if (value instanceof Error) {
      const own = this.object(value, depth, seen);
      return {
        ...own,
        name: value.name,
        message: this.redactText(value.message),
        stack: value.stack === undefined ? undefined : this.redactText(value.stack),
        cause: this.value(value.cause, depth + 1, seen),
      };
    }
    return this.object(value, depth, seen);
  }
}

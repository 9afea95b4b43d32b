/**
 * Sender and destination patterns (message-flow.md §5): `local@domain`, `domain`, `*.domain` or `*`. Matching
 * is
 * case-insensitive; `domain` matches that domain only, `*.domain` the domain and all its subdomains.
 */

/** The four pattern forms. */
export type PatternKind = 'ADDRESS' | 'DOMAIN' | 'WILDCARD' | 'ANY';

/** A validated, lower-cased pattern. `value` is the address, the domain, or the wildcard's suffix domain. */
export interface ParsedPattern {
  readonly kind: PatternKind;
  readonly value: string;
  /** Larger is more specific: address > domain > wildcard (more labels first) > `*`. */
  readonly specificity: number;
}

const LABEL = '[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?';
const DOMAIN = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
// RFC 5322 dot-atom characters, without `+` (forbidden by the spec) and `*` (only a leading domain label).
const LOCAL = /^[a-z0-9!#$%&'/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'/=?^_`{|}~-]+)*$/;

const ADDRESS_SPECIFICITY = 3_000;
const DOMAIN_SPECIFICITY = 2_000;
const WILDCARD_SPECIFICITY = 1_000;

/** Specificity of an address pattern. */
export const addressSpecificity = ADDRESS_SPECIFICITY;
/** Specificity of an exact domain pattern. */
export const domainSpecificity = DOMAIN_SPECIFICITY;
/** Specificity of `*.suffix`: wildcards with more labels in the suffix are more specific. */
export function wildcardSpecificity(suffix: string): number {
  return wildcardSpecificityOfLabels(suffix.split('.').length);
}
/** Specificity of a wildcard whose suffix has `labels` labels. */
export function wildcardSpecificityOfLabels(labels: number): number {
  return WILDCARD_SPECIFICITY + labels;
}

/**
 * Parses a pattern, or explains why it is invalid (a message for InvalidParameterException).
 * @param pattern - as the administrator typed it
 * @example
 * parsePattern('*.Example.com');
 * // { ok: true, pattern: { kind: 'WILDCARD', value: 'example.com', specificity: 1002 } }
 */
export function parsePattern(
  pattern: string,
): { ok: true; pattern: ParsedPattern } | { ok: false; reason: string } {
  const text = pattern.trim().toLowerCase();
  if (text === '') return { ok: false, reason: 'a pattern must not be empty' };
  if (text.includes('+'))
    return { ok: false, reason: "'+' is not allowed in sender or destination patterns" };
  if (text === '*') return { ok: true, pattern: { kind: 'ANY', value: '', specificity: 0 } };
  if (text.startsWith('*.')) {
    const suffix = text.slice(2);
    if (suffix.includes('*')) return { ok: false, reason: "'*' may only appear as the leading label" };
    if (!validDomain(suffix)) return { ok: false, reason: `'${suffix}' is not a valid domain` };
    return {
      ok: true,
      pattern: { kind: 'WILDCARD', value: suffix, specificity: wildcardSpecificity(suffix) },
    };
  }
  if (text.includes('*'))
    return { ok: false, reason: "'*' may only appear as the leading label, as in '*.example.com'" };
  const at = text.indexOf('@');
  if (at < 0) {
    if (!validDomain(text)) return { ok: false, reason: 'expected local@domain, domain, *.domain or *' };
    return { ok: true, pattern: { kind: 'DOMAIN', value: text, specificity: DOMAIN_SPECIFICITY } };
  }
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local) || !validDomain(domain)) {
    return { ok: false, reason: 'expected local@domain, domain, *.domain or *' };
  }
  return { ok: true, pattern: { kind: 'ADDRESS', value: text, specificity: ADDRESS_SPECIFICITY } };
}

function validDomain(domain: string): boolean {
  return domain.length <= 253 && DOMAIN.test(domain);
}

/** Splits an address into its lower-cased local part and domain (the part after the last `@`). */
export function splitAddress(address: string): { address: string; domain: string } {
  const text = address.trim().toLowerCase();
  return { address: text, domain: text.slice(text.lastIndexOf('@') + 1) };
}

/**
 * True when `pattern` matches `address` (reference semantics; the engine uses an index with the same result).
 * @example
 * patternMatches(parsed('example.com'), 'a@sub.example.com'); // false
 */
export function patternMatches(pattern: ParsedPattern, address: string): boolean {
  const { address: lower, domain } = splitAddress(address);
  switch (pattern.kind) {
    case 'ANY':
      return true;
    case 'ADDRESS':
      return lower === pattern.value;
    case 'DOMAIN':
      return domain === pattern.value;
    case 'WILDCARD':
      return domain === pattern.value || domain.endsWith(`.${pattern.value}`);
  }
}

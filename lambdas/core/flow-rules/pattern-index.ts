import {
  addressSpecificity,
  domainSpecificity,
  splitAddress,
  wildcardSpecificityOfLabels,
  type ParsedPattern,
} from './patterns';

/**
 * Patterns keyed by what they match: exact address, exact domain, wildcard suffix, or `*`. A lookup walks the
 * address's domain labels, so its cost is O(labels) whatever the number of patterns.
 * @example
 * const index = new PatternIndex(() => [] as string[]);
 * index.slot(parsed('*.example.com')).push('rule-a');
 * [...index.lookup('x@mail.example.com')]; // [[1002, ['rule-a']]]
 */
export class PatternIndex<T> {
  private readonly addresses = new Map<string, T>();
  private readonly domains = new Map<string, T>();
  private readonly suffixes = new Map<string, T>();
  private any: T | undefined;

  constructor(private readonly create: () => T) {}

  /** The value kept for `pattern`, created on first use. */
  slot(pattern: ParsedPattern): T {
    if (pattern.kind === 'ANY') return (this.any ??= this.create());
    const map =
      pattern.kind === 'ADDRESS' ? this.addresses : pattern.kind === 'DOMAIN' ? this.domains : this.suffixes;
    let value = map.get(pattern.value);
    if (value === undefined) {
      value = this.create();
      map.set(pattern.value, value);
    }
    return value;
  }

  /** Every value kept, in no particular order. */
  values(): T[] {
    const all = [...this.addresses.values(), ...this.domains.values(), ...this.suffixes.values()];
    return this.any === undefined ? all : [...all, this.any];
  }

  /** The values whose patterns match `address`, most specific first, with their specificity. */
  *lookup(address: string): Generator<[number, T]> {
    const { address: lower, domain } = splitAddress(address);
    const byAddress = this.addresses.get(lower);
    if (byAddress !== undefined) yield [addressSpecificity, byAddress];
    const byDomain = this.domains.get(domain);
    if (byDomain !== undefined) yield [domainSpecificity, byDomain];
    let suffix = domain;
    let labels = domain.split('.').length;
    for (;;) {
      const bySuffix = this.suffixes.get(suffix);
      if (bySuffix !== undefined) yield [wildcardSpecificityOfLabels(labels), bySuffix];
      const dot = suffix.indexOf('.');
      if (dot < 0) break;
      suffix = suffix.slice(dot + 1);
      labels -= 1;
    }
    if (this.any !== undefined) yield [0, this.any];
  }
}

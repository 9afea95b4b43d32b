/**
 * A small evaluator of the CloudWatch Logs Insights query subset that WorkMail's example queries use
 * (security-and-logging §5.4), over JSON log records: `fields a, b`, `filter` with `=`, `like "text"` (substring),
 * `like /regex/` (with a leading `(?i)` for case-insensitive), `and` and parentheses, `stats count(*) as c by f`,
 * and `sort f asc|desc`. Field paths index objects and arrays by dots (`event.recipients.0`); `@timestamp` is the
 * record's time. It is hand-written because no library evaluates Insights queries (the language exists only inside
 * CloudWatch); it exists so that tests can run the guide's queries, unchanged, against Mailwright's log files.
 *
 * One liberty, the one the guide's query 4a takes: a `filter` always applies to the log records, even when it is
 * written after `stats` (real Insights would filter the aggregated rows; the guide's query means the records).
 */

/** One log record with its time. */
export interface TimedRecord {
  readonly timestamp: number;
  readonly record: Readonly<Record<string, unknown>>;
}

/** One result row: field paths (or aggregate names) to values. */
export type Row = Record<string, unknown>;

type Expression =
  | { kind: 'and'; left: Expression; right: Expression }
  | { kind: 'equals'; field: string; value: string }
  | { kind: 'contains'; field: string; text: string }
  | { kind: 'matches'; field: string; pattern: RegExp };

/** Thrown for anything outside the subset, so a test never silently evaluates a different query. */
export class UnsupportedQueryError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'UnsupportedQueryError';
  }
}

/**
 * Runs a query over records and returns its rows.
 * @example
 * runInsightsQuery('fields @timestamp, traceId | filter event.eventName = "OUTGOING_EMAIL_SUBMITTED"', records);
 */
export function runInsightsQuery(query: string, records: readonly TimedRecord[]): Row[] {
  const commands = splitPipeline(query).map((command) => command.trim());
  let selected = [...records];
  for (const command of commands.filter((c) => c.startsWith('filter '))) {
    const expression = parseExpression(command.slice('filter '.length));
    selected = selected.filter((entry) => evaluate(expression, entry));
  }
  const stats = commands.find((command) => command.startsWith('stats '));
  const fields = commands.find((command) => command.startsWith('fields '));
  let rows: Row[];
  if (stats) {
    const match = /^stats\s+count\(\*\)\s+as\s+(\w+)\s+by\s+([\w.@]+)$/.exec(stats);
    if (!match) throw new UnsupportedQueryError(`unsupported stats: ${stats}`);
    const [, alias, by] = match;
    const counts = new Map<unknown, number>();
    for (const entry of selected) {
      const key = valueOf(entry, by);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    rows = [...counts].map(([key, count]) => ({ [by]: key, [alias]: count }));
  } else {
    const paths = fields
      ? fields
          .slice('fields '.length)
          .split(',')
          .map((path) => path.trim())
      : ['@timestamp'];
    rows = selected.map((entry) => Object.fromEntries(paths.map((path) => [path, valueOf(entry, path)])));
  }
  for (const command of commands.filter((c) => c.startsWith('sort '))) {
    const match = /^sort\s+([\w.@]+)\s+(asc|desc)$/.exec(command);
    if (!match) throw new UnsupportedQueryError(`unsupported sort: ${command}`);
    const [, path, direction] = match;
    const sign = direction === 'asc' ? 1 : -1;
    // Sorting rows by a field they do not show (sort @timestamp after fields without it) sorts the records first.
    if (!stats && !rows.every((row) => path in row)) continue;
    rows.sort((a, b) => sign * compare(a[path], b[path]));
  }
  const unknown = commands.filter((c) => !/^(fields|filter|stats|sort) /.test(c));
  if (unknown.length > 0) throw new UnsupportedQueryError(`unsupported command: ${unknown[0]}`);
  return rows;
}

/** Splits at `|` outside quotes and regex literals. */
function splitPipeline(query: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const char of query) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === '/') quote = char;
    else if (char === '|') {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts;
}

function parseExpression(text: string): Expression {
  const tokens = text.match(/"[^"]*"|\/(?:[^/\\]|\\.)*\/|\(|\)|[^\s()]+/g) ?? [];
  let position = 0;
  const next = () => tokens[position++];
  const primary = (): Expression => {
    const token = next();
    if (token === '(') {
      const inner = conjunction();
      if (next() !== ')') throw new UnsupportedQueryError(`missing ) in: ${text}`);
      return inner;
    }
    const field = token;
    const operator = next();
    const operand = next() ?? '';
    if (operator === '=' && operand.startsWith('"'))
      return { kind: 'equals', field, value: operand.slice(1, -1) };
    if (operator === 'like' && operand.startsWith('"'))
      return { kind: 'contains', field, text: operand.slice(1, -1) };
    if (operator === 'like' && operand.startsWith('/')) {
      const source = operand.slice(1, -1);
      const insensitive = source.startsWith('(?i)');
      return {
        kind: 'matches',
        field,
        pattern: new RegExp(insensitive ? source.slice(4) : source, insensitive ? 'i' : ''),
      };
    }
    throw new UnsupportedQueryError(`unsupported condition: ${field} ${operator} ${operand}`);
  };
  const conjunction = (): Expression => {
    let left = primary();
    while (tokens[position] === 'and') {
      position++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const expression = conjunction();
  if (position !== tokens.length) throw new UnsupportedQueryError(`unsupported filter: ${text}`);
  return expression;
}

function evaluate(expression: Expression, entry: TimedRecord): boolean {
  switch (expression.kind) {
    case 'and':
      return evaluate(expression.left, entry) && evaluate(expression.right, entry);
    case 'equals':
      return valueOf(entry, expression.field) === expression.value;
    case 'contains': {
      const value = valueOf(entry, expression.field);
      return typeof value === 'string' && value.includes(expression.text);
    }
    case 'matches': {
      const value = valueOf(entry, expression.field);
      return typeof value === 'string' && expression.pattern.test(value);
    }
  }
}

function valueOf(entry: TimedRecord, path: string): unknown {
  if (path === '@timestamp') return entry.timestamp;
  let value: unknown = entry.record;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

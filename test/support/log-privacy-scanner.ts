/**
 * The suite-wide log privacy check's scanner: which values must never appear in a log line (the passwords, secrets,
 * subjects and bodies the test sources use, plus every value shaped like a token, an admin secret, a private key or a
 * raw message header), and where they appear. Pure: the check (test/suite/log-privacy.test.ts) feeds it the files.
 */
import { REDACTED_CONTENT } from '../../lambdas/core/logging';

/** What a leaked value is. */
export type LeakKind =
  'password or secret' | 'subject' | 'body' | 'token' | 'admin secret' | 'private key' | 'header';

/** One value a log line must not contain. */
export interface LiteralNeedle {
  readonly kind: LeakKind;
  readonly value: string;
}

/** A source file of the test suite. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** One leak: where, what kind, and the line (cut to 200 characters around the value). */
export interface Finding {
  readonly file: string;
  readonly kind: LeakKind;
  readonly excerpt: string;
}

/** Values shaped like a secret wherever they come from (generated at run time, so not in any source). */
const SHAPES: ReadonlyArray<{ readonly kind: LeakKind; readonly pattern: RegExp }> = [
  // A whole personal access token or impersonation role token; the id alone (`mwpat_<hex>`) is a name, not a secret.
  { kind: 'token', pattern: /mw(?:pat|imp)_[0-9a-f]{32}_[A-Za-z0-9_-]{43}/ },
  // An admin secret: exactly 40 base64 characters with upper case, lower case and a digit (hex digests have no upper case).
  {
    kind: 'admin secret',
    pattern:
      /(?<![A-Za-z0-9+/_-])(?=[A-Za-z0-9+/]{0,39}[A-Z])(?=[A-Za-z0-9+/]{0,39}[a-z])(?=[A-Za-z0-9+/]{0,39}\d)[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=_-])/,
  },
  { kind: 'private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  // A raw header block: a Subject field at the start of a line, or after an (escaped) line break.
  { kind: 'header', pattern: /(?:^|\\r\\n|\\n|\r\n)Subject: \S/ },
];

/** `key: 'value'` or `KEY = 'value'` in TypeScript sources; group 1 is the key, group 3 the value. */
const ASSIGNED_LITERAL = /\b([A-Za-z_]\w*)\s*[:=]\s*(['"`])((?:(?!\2)[^\\\n]|\\.){3,200})\2/g;
const SECRET_KEY = /password|passwd|secret|passphrase/i;
const SUBJECT_KEY = /^(subject|[A-Z_]*SUBJECT[A-Z_]*)$/;
const BODY_KEY = /^(text|body|html|textBody|content|[A-Z_]*BODY[A-Z_]*)$/;
/** `Subject:` header lines in .eml fixtures and in literals of the sources (after a line break or its escape). */
const SUBJECT_HEADER = /(?:^|\\r\\n|\\n)Subject: ([^\r\n\\]+)/gm;

/**
 * A value distinctive enough that finding it in a log line means it leaked, not that a log message shares a word:
 * at least 8 characters, not a plain lower-case word, no template placeholder, not the redaction marker itself.
 */
function distinctive(value: string, minimumLength = 8): boolean {
  return (
    value.length >= minimumLength &&
    !/^[a-z]+$/.test(value) &&
    !value.includes('${') &&
    !value.includes('\\') &&
    !value.includes(REDACTED_CONTENT)
  );
}

/** Subjects and bodies are words people write: several of them, so an ordinary log message does not match. */
const prose = (value: string, minimumLength: number) =>
  distinctive(value, minimumLength) && / \S+ /.test(value);

/**
 * The literal values of the test sources that must never be logged: passwords and secrets (`Password: '…'`,
 * `ANA_PASSWORD = '…'`, `secret: '…'`; ARNs of secrets excluded), subjects (`subject: '…'`, `Subject: …` header
 * lines) and bodies (`text: '…'` sentences, and the first sentences of .eml fixtures).
 * @example
 * const needles = collectNeedles([{ path: 'test/e2e/x.test.ts', text: "Password: 'Corr3ct-Horse'" }]);
 */
export function collectNeedles(sources: readonly SourceFile[]): LiteralNeedle[] {
  const needles = new Map<string, LiteralNeedle>();
  const add = (kind: LeakKind, value: string) => {
    if (!needles.has(value)) needles.set(value, { kind, value });
  };
  for (const { path, text } of sources) {
    if (path.endsWith('.eml')) {
      for (const [, subject] of text.matchAll(SUBJECT_HEADER))
        if (prose(subject, 10)) add('subject', subject.trim());
      for (const sentence of bodySentences(text)) add('body', sentence);
      continue;
    }
    for (const [, key, , value] of text.matchAll(ASSIGNED_LITERAL)) {
      if (SECRET_KEY.test(key) && !/arn$/i.test(key) && distinctive(value)) add('password or secret', value);
      else if (SUBJECT_KEY.test(key) && prose(value, 10)) add('subject', value);
      else if (BODY_KEY.test(key) && prose(value, 16) && /[.!?]$/.test(value)) add('body', value);
    }
    for (const [, subject] of text.matchAll(SUBJECT_HEADER))
      if (!/[$'"`]/.test(subject) && prose(subject, 10)) add('subject', subject.trim());
  }
  return [...needles.values()];
}

/** Up to two sentences of a message's first text lines (after the header block), as body markers. */
function bodySentences(message: string): string[] {
  const start = message.search(/\r?\n\r?\n/);
  if (start < 0) return [];
  return message
    .slice(start)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => /^[A-Z][^:<>=]{23,}[.!?]$/.test(line) && (line.match(/ /g) ?? []).length >= 3)
    .slice(0, 2);
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every line that contains a needle or a secret-shaped value.
 * @param files - the captured log files, as name and text
 * @param needles - from {@link collectNeedles}, plus any recorded at run time
 * @example
 * expect(scanLogs([{ file: '123.log', text }], needles)).toEqual([]);
 */
export function scanLogs(
  files: ReadonlyArray<{ readonly file: string; readonly text: string }>,
  needles: readonly LiteralNeedle[],
): Finding[] {
  const kindOf = new Map(needles.map((needle) => [needle.value, needle.kind]));
  // Longest first, so a value that contains another is reported as itself.
  const literals = [...kindOf.keys()].sort((a, b) => b.length - a.length).map(escape);
  const anyLiteral = literals.length > 0 ? new RegExp(literals.join('|')) : undefined;
  const findings: Finding[] = [];
  for (const { file, text } of files) {
    for (const line of text.split('\n')) {
      const literal = anyLiteral?.exec(line);
      if (literal)
        findings.push({ file, kind: kindOf.get(literal[0])!, excerpt: excerpt(line, literal.index) });
      for (const { kind, pattern } of SHAPES) {
        const shaped = pattern.exec(line);
        if (shaped) findings.push({ file, kind, excerpt: excerpt(line, shaped.index) });
      }
    }
  }
  return findings;
}

function excerpt(line: string, at: number): string {
  return line.slice(Math.max(0, at - 80), at + 120);
}

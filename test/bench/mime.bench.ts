import { randomBytes } from 'node:crypto';
import { parseMime } from '../../lambdas/core/message';
import { emailView } from '../../lambdas/http/jmap/mail';

const MB = 1024 * 1024;

/** A typical message: text and HTML alternatives, then base64 attachments that add up to `bytes`. */
function typicalMessage(bytes: number): Buffer {
  const head =
    'From: a@example.com\r\nSubject: bench\r\nContent-Type: multipart/mixed; boundary=mix\r\n\r\n--mix\r\n' +
    'Content-Type: multipart/alternative; boundary=alt\r\n\r\n--alt\r\nContent-Type: text/plain\r\n\r\nHello\r\n' +
    '--alt\r\nContent-Type: text/html\r\n\r\n<p>Hello</p>\r\n--alt--\r\n';
  const attachments: string[] = [];
  const perAttachment = MB / 2;
  for (let size = 0; size < bytes; size += perAttachment) {
    const base64 = randomBytes((perAttachment * 3) / 4)
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n');
    attachments.push(
      `--mix\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=a${size}.bin\r\n` +
        `Content-Transfer-Encoding: base64\r\n\r\n${base64}\r\n`,
    );
  }
  return Buffer.from(`${head}${attachments.join('')}--mix--\r\n`);
}

/**
 * The worst case for a naive parser: 499 parts whose header blocks never end, each followed in the raw bytes by
 * `bytes` of data without an empty line, plus 32 levels of nesting around it.
 */
function adversarialMessage(bytes: number): Buffer {
  const parts = Array.from({ length: 499 }, (_, i) => `--b\r\nX-Header-${i}: value`).join('\r\n');
  let body = `Content-Type: multipart/mixed; boundary=b\r\n\r\n${parts}\r\n${'x'.repeat(bytes)}\r\n--b--\r\n`;
  for (let level = 31; level > 0; level--) {
    body = `Content-Type: multipart/mixed; boundary=n${level}\r\n\r\n--n${level}\r\n${body}--n${level}--\r\n`;
  }
  return Buffer.from(body);
}

function bestMilliseconds(action: () => void, rounds = 5): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round += 1) {
    const start = performance.now();
    action();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * Parse time of 1 MB and 8 MB messages, typical and adversarial, and the time of a full Email/get view of the
 * 8 MB one. Linear parsing keeps both ratios near 8.
 * @example
 * const { ratioTypical8To1 } = await benchMime(); // ≈ 8
 */
export async function benchMime(): Promise<Record<string, number>> {
  const typical1 = typicalMessage(MB);
  const typical8 = typicalMessage(8 * MB);
  const adversarial1 = adversarialMessage(MB);
  const adversarial8 = adversarialMessage(8 * MB);
  const view = () =>
    emailView(typical8, {
      properties: ['from', 'subject', 'bodyStructure', 'textBody', 'attachments', 'hasAttachment', 'preview'],
      bodyProperties: ['partId', 'size', 'type', 'name', 'subParts'],
      blobIdOf: String,
    });
  bestMilliseconds(() => parseMime(typical1), 2); // warm-up
  const msTypical1 = bestMilliseconds(() => parseMime(typical1));
  const msTypical8 = bestMilliseconds(() => parseMime(typical8));
  const msAdversarial1 = bestMilliseconds(() => parseMime(adversarial1));
  const msAdversarial8 = bestMilliseconds(() => parseMime(adversarial8));
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    msParseTypical1MB: round(msTypical1),
    msParseTypical8MB: round(msTypical8),
    ratioTypical8To1: round(msTypical8 / msTypical1),
    msParseAdversarial1MB: round(msAdversarial1),
    msParseAdversarial8MB: round(msAdversarial8),
    ratioAdversarial8To1: round(msAdversarial8 / msAdversarial1),
    msEmailViewTypical8MB: round(bestMilliseconds(view, 3)),
  };
}

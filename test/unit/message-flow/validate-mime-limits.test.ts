import { MessageRejected, validateReplacementMime } from '../../../lambdas/core/message-flow';
import { ORIGINAL_MIME } from './memory-stores';

const original = Buffer.from(ORIGINAL_MIME);
const validate = (text: string) => validateReplacementMime(Buffer.from(text, 'latin1'), original);

/** The original message with its body padded by lines of 998 characters to exactly `bytes` bytes. */
function messageOf(bytes: number): string {
  const fill = bytes - (ORIGINAL_MIME.length - 'Hello Bob.'.length);
  const line = `${'x'.repeat(998)}\r\n`;
  const last = fill % line.length;
  if (last > 998) throw new Error('pick another size');
  return ORIGINAL_MIME.replace('Hello Bob.', line.repeat(Math.floor(fill / line.length)) + 'x'.repeat(last));
}

/** A message whose text part sits inside `levels` nested multipart entities. */
function nestedMessage(levels: number): string {
  let entity = 'Content-Type: text/plain\r\n\r\nHi';
  for (let level = levels - 1; level >= 1; level -= 1) {
    entity = `Content-Type: multipart/mixed; boundary=n${level}\r\n\r\n--n${level}\r\n${entity}\r\n--n${level}--`;
  }
  return ORIGINAL_MIME.replace('Content-Type: text/plain; charset=utf-8\r\n\r\nHello Bob.', entity);
}

describe('validateReplacementMime: size and nesting limits', () => {
  it('accepts a message of exactly 40 MB and refuses one byte more', async () => {
    const atLimit = messageOf(40 * 1024 * 1024);

    expect(Buffer.byteLength(atLimit, 'latin1')).toBe(41_943_040);
    await expect(validate(atLimit)).resolves.toBeUndefined();
    await expect(validate(messageOf(40 * 1024 * 1024 + 1))).rejects.toThrow(MessageRejected);
  }, 30_000);

  it('accepts multipart entities nested 32 deep and refuses 33', async () => {
    await expect(validate(nestedMessage(32))).resolves.toBeUndefined();
    await expect(validate(nestedMessage(33))).rejects.toThrow('Multipart entities are nested too deeply');
  });
});

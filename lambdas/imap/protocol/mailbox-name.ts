/**
 * Modified UTF-7 mailbox names (RFC 3501 §5.1.3): printable ASCII stands for itself except `&`, written `&-`;
 * anything else is UTF-16BE in base64 with `,` for `/`, no padding, between `&` and `-`. After
 * `ENABLE UTF8=ACCEPT` (RFC 6855) names travel as UTF-8 and none of this applies.
 */

const isPrintable = (code: number): boolean => code >= 0x20 && code <= 0x7e;

/** A mailbox name in modified UTF-7 is malformed. */
export class MailboxNameError extends Error {
  override readonly name = 'MailboxNameError';
}

/**
 * Encodes a Unicode mailbox name as modified UTF-7.
 *
 * @example encodeMailboxName('日本語') // '&ZeVnLIqe-'
 * @param name - the Unicode name
 */
export function encodeMailboxName(name: string): string {
  let out = '';
  let pending = '';
  const flush = (): void => {
    if (pending === '') return;
    const units = Buffer.alloc(pending.length * 2);
    for (let i = 0; i < pending.length; i += 1) units.writeUInt16BE(pending.charCodeAt(i), i * 2);
    out += `&${units.toString('base64').replace(/=+$/, '').replace(/\//g, ',')}-`;
    pending = '';
  };
  for (let i = 0; i < name.length; i += 1) {
    const code = name.charCodeAt(i);
    if (isPrintable(code)) {
      flush();
      out += code === 0x26 ? '&-' : name[i];
    } else {
      pending += name[i];
    }
  }
  flush();
  return out;
}

const BASE64 = /^[A-Za-z0-9+,]+$/;

/**
 * Decodes a modified UTF-7 mailbox name, strictly: 8-bit or control characters, an unterminated or empty shift,
 * bad base64, non-zero padding bits, an encoded printable ASCII character or a lone surrogate throw.
 *
 * @example decodeMailboxName('&ZeVnLIqe-') // '日本語'
 * @param encoded - the name as the client sent it
 * @throws MailboxNameError when the name is not valid modified UTF-7
 */
export function decodeMailboxName(encoded: string): string {
  let out = '';
  let i = 0;
  while (i < encoded.length) {
    const code = encoded.charCodeAt(i);
    if (!isPrintable(code)) throw new MailboxNameError('Mailbox name is not 7-bit modified UTF-7');
    if (code !== 0x26) {
      out += encoded[i];
      i += 1;
      continue;
    }
    const close = encoded.indexOf('-', i + 1);
    if (close < 0) throw new MailboxNameError('Unterminated & in mailbox name');
    out += close === i + 1 ? '&' : decodeShift(encoded.slice(i + 1, close));
    i = close + 1;
  }
  return out;
}

function decodeShift(base64: string): string {
  if (!BASE64.test(base64) || base64.length % 4 === 1)
    throw new MailboxNameError('Invalid base64 in mailbox name');
  const bytes = Buffer.from(base64.replace(/,/g, '/'), 'base64');
  const bits = base64.length * 6;
  if (bytes.length % 2 !== 0 || bits - bytes.length * 8 >= 6 || !paddingIsZero(base64, bytes.length)) {
    throw new MailboxNameError('Invalid base64 in mailbox name');
  }
  let text = '';
  for (let k = 0; k < bytes.length; k += 2) text += String.fromCharCode(bytes.readUInt16BE(k));
  for (let k = 0; k < text.length; k += 1) {
    const unit = text.charCodeAt(k);
    if (isPrintable(unit)) throw new MailboxNameError('Encoded ASCII in mailbox name');
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const low = text.charCodeAt(k + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) throw new MailboxNameError('Lone surrogate in mailbox name');
      k += 1;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      throw new MailboxNameError('Lone surrogate in mailbox name');
    }
  }
  return text;
}

/** The bits after the last whole byte must be zero (else the encoding is not canonical). */
function paddingIsZero(base64: string, byteCount: number): boolean {
  const spare = base64.length * 6 - byteCount * 8;
  if (spare === 0) return true;
  const last = Buffer.from(`AAA${base64[base64.length - 1].replace(',', '/')}`, 'base64')[2];
  return (last & ((1 << spare) - 1)) === 0;
}

// Mailwright example: a synchronous flow-rule function that appends a disclaimer to the text part of every
// message, using the Message Flow API (GetRawMessageContent → edit → S3 → PutRawMessageContent). See README.md.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GetRawMessageContentCommand,
  PutRawMessageContentCommand,
  WorkMailMessageFlowClient,
} from '@aws-sdk/client-workmailmessageflow';

// Endpoints come from the standard AWS_ENDPOINT_URL_WORKMAILMESSAGEFLOW / AWS_ENDPOINT_URL_S3 variables when set
// (Mailwright or a local run); otherwise the regional AWS endpoints are used.
const messageFlow = new WorkMailMessageFlowClient({});
const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });

const DISCLAIMER =
  process.env.DISCLAIMER_TEXT ??
  'This message was sent from our organization. It may contain confidential information.';

/** Appends the disclaimer to the first text/plain part and writes the new MIME back; delivers to everyone. */
export const handler = async (event) => {
  const bucket = process.env.UPDATED_EMAIL_S3_BUCKET;
  if (!bucket) throw new Error('Set UPDATED_EMAIL_S3_BUCKET to a bucket Mailwright (or WorkMail) may read');
  const { messageContent } = await messageFlow.send(
    new GetRawMessageContentCommand({ messageId: event.messageId }),
  );
  const original = Buffer.from(await messageContent.transformToByteArray()).toString('latin1');
  const updated = appendDisclaimer(original, DISCLAIMER);
  if (updated !== original) {
    const key = `${process.env.UPDATED_EMAIL_S3_PREFIX ?? 'disclaimer/'}${event.messageId}`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(updated, 'latin1') }));
    await messageFlow.send(
      new PutRawMessageContentCommand({
        messageId: event.messageId,
        content: { s3Reference: { bucket, key } },
      }),
    );
  }
  return { actions: [{ action: { type: 'DEFAULT' }, allRecipients: true }] };
};

/** Returns `mime` with `text` appended to its first text/plain part (unchanged if it has none). */
export function appendDisclaimer(mime, text, newline = mime.includes('\r\n') ? '\r\n' : '\n') {
  const { header, separator, body } = split(mime);
  const type = headerValue(header, 'content-type') ?? 'text/plain';
  if (/^text\/plain/i.test(type)) {
    return (
      header + separator + appendToBody(body, headerValue(header, 'content-transfer-encoding'), text, newline)
    );
  }
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(type);
  if (!/^multipart\//i.test(type) || !boundary) return mime;
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  const parts = body.split(delimiter);
  // parts[0] is the preamble; the last part starts with "--" (closing delimiter) and is never a text part.
  for (let i = 1; i < parts.length; i += 1) {
    if (parts[i].startsWith('--')) break;
    const lead = /^[ \t]*\r?\n/.exec(parts[i])?.[0] ?? '';
    const trailing = /\r?\n$/.exec(parts[i])?.[0] ?? '';
    const part = parts[i].slice(lead.length, parts[i].length - trailing.length);
    const changed = appendDisclaimer(part, text, newline);
    if (changed !== part) {
      parts[i] = lead + changed + trailing;
      return header + separator + parts.join(delimiter);
    }
  }
  return mime;
}

function split(entity) {
  const match = /\r?\n\r?\n/.exec(entity);
  if (!match) return { header: entity, separator: '', body: '' };
  return {
    header: entity.slice(0, match.index),
    separator: match[0],
    body: entity.slice(match.index + match[0].length),
  };
}

function headerValue(header, name) {
  const unfolded = header.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return match ? match[1].trim() : undefined;
}

function appendToBody(body, encoding = '7bit', text, newline) {
  const ending = /\r?\n$/.test(body) ? newline : '';
  const addition = `${newline}${newline}-- ${newline}${text}`;
  switch (encoding.toLowerCase()) {
    case 'base64': {
      const decoded =
        Buffer.from(body, 'base64')
          .toString('utf8')
          .replace(/\r?\n$/, '') +
        addition +
        newline;
      const encoded = Buffer.from(decoded, 'utf8').toString('base64');
      return encoded.replace(/.{76}/g, `$&${newline}`) + newline;
    }
    case 'quoted-printable': {
      const encoded = Array.from(Buffer.from(addition, 'utf8'))
        .map((byte) =>
          byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte < 0x7f && byte !== 0x3d)
            ? String.fromCharCode(byte)
            : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`,
        )
        .join('');
      return body.replace(/\r?\n$/, '') + encoded + ending;
    }
    default:
      return body.replace(/\r?\n$/, '') + Buffer.from(addition, 'utf8').toString('latin1') + ending;
  }
}

/**
 * `textBody`, `htmlBody`, `attachments` and `hasAttachment` (RFC 8621 §4.1.4), with the RFC's own decomposition
 * algorithm (`parseStructure`), transcribed step for step so that results match other servers that use it.
 */

import type { BodyPart } from './body-part';

/** The three flat lists of a message's body parts. */
export interface BodyLists {
  readonly textBody: BodyPart[];
  readonly htmlBody: BodyPart[];
  readonly attachments: BodyPart[];
}

function isInlineMediaType(type: string): boolean {
  return type.startsWith('image/') || type.startsWith('audio/') || type.startsWith('video/');
}

function parseStructure(
  parts: readonly BodyPart[],
  multipartType: string,
  inAlternative: boolean,
  htmlBodyIn: BodyPart[] | null,
  textBodyIn: BodyPart[] | null,
  attachments: BodyPart[],
): void {
  let htmlBody = htmlBodyIn;
  let textBody = textBodyIn;
  // For multipartType == alternative
  const textLength = textBody ? textBody.length : -1;
  const htmlLength = htmlBody ? htmlBody.length : -1;

  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i];
    const isMultipart = part.type.startsWith('multipart/');
    // Is this a body part rather than an attachment
    const isInline =
      part.disposition !== 'attachment' &&
      // Must be one of the allowed body types
      (part.type === 'text/plain' || part.type === 'text/html' || isInlineMediaType(part.type)) &&
      // If multipart/related, only the first part can be inline
      // If a text part with a filename, and not the first item in the multipart, assume it is an attachment
      (i === 0 || (multipartType !== 'related' && (isInlineMediaType(part.type) || !part.name)));

    if (isMultipart) {
      const subMultiType = part.type.split('/')[1];
      parseStructure(
        part.subParts ?? [],
        subMultiType,
        inAlternative || subMultiType === 'alternative',
        htmlBody,
        textBody,
        attachments,
      );
    } else if (isInline) {
      if (multipartType === 'alternative') {
        switch (part.type) {
          case 'text/plain':
            textBody?.push(part);
            break;
          case 'text/html':
            htmlBody?.push(part);
            break;
          default:
            attachments.push(part);
            break;
        }
        continue;
      } else if (inAlternative) {
        if (part.type === 'text/plain') htmlBody = null;
        if (part.type === 'text/html') textBody = null;
      }
      if (textBody) textBody.push(part);
      if (htmlBody) htmlBody.push(part);
      if ((!textBody || !htmlBody) && isInlineMediaType(part.type)) attachments.push(part);
    } else {
      attachments.push(part);
    }
  }

  if (multipartType === 'alternative' && textBody && htmlBody) {
    // Found HTML part only
    if (textLength === textBody.length && htmlLength !== htmlBody.length) {
      for (let i = htmlLength; i < htmlBody.length; i += 1) textBody.push(htmlBody[i]);
    }
    // Found plaintext part only
    if (htmlLength === htmlBody.length && textLength !== textBody.length) {
      for (let i = textLength; i < textBody.length; i += 1) htmlBody.push(textBody[i]);
    }
  }
}

/**
 * Decomposes the body structure into `textBody`, `htmlBody` and `attachments` with §4.1.4's algorithm.
 * @example
 * bodyLists(bodyPartOf(parseMime(raw).root)).textBody.map((part) => part.partId); // ['1.1']
 */
export function bodyLists(bodyStructure: BodyPart): BodyLists {
  const lists: BodyLists = { textBody: [], htmlBody: [], attachments: [] };
  parseStructure([bodyStructure], 'mixed', false, lists.htmlBody, lists.textBody, lists.attachments);
  return lists;
}

/**
 * `hasAttachment` (§4.1.4): whether an attachment is not `Content-Disposition: inline`. As the RFC allows, a part
 * that a `multipart/related` embeds after its root and that has a Content-ID (an image the HTML shows) does not
 * count.
 * @example
 * hasAttachment(bodyStructure, lists.attachments); // true
 */
export function hasAttachment(bodyStructure: BodyPart, attachments: readonly BodyPart[]): boolean {
  const embedded = new Set<BodyPart>();
  const visit = (part: BodyPart) => {
    part.subParts?.forEach((child, index) => {
      const hasCid = child.entity.headers.some((field) => field.name.toLowerCase() === 'content-id');
      if (part.type === 'multipart/related' && index > 0 && hasCid && child.disposition !== 'attachment') {
        embedded.add(child);
      }
      visit(child);
    });
  };
  visit(bodyStructure);
  return attachments.some((part) => part.disposition !== 'inline' && !embedded.has(part));
}

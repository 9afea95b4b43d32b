/**
 * The content-derived properties of an Email (RFC 8621 §4.1) for Email/get and Email/parse: everything except the
 * metadata the mailbox index supplies (`id`, `blobId`, `threadId`, `mailboxIds`, `keywords`, `size`,
 * `receivedAt`). It works on any raw RFC 5322 blob and never throws on malformed content.
 */

import { decodeBody, findPart, parseMime } from '../../../core/message';
import { bodyLists, hasAttachment } from './body-lists';
import type { BodyLists } from './body-lists';
import { bodyPartObject, bodyPartOf } from './body-part';
import type { BodyPart, BodyPartContext } from './body-part';
import { bodyValues } from './body-values';
import type { BodyValueSelection } from './body-values';
import { DEFAULT_BODY_PROPERTIES, parseHeaderProperty } from './email-properties';
import { CONVENIENCE_HEADERS, emailHeaders, headerPropertyValue } from './header-forms';
import { preview } from './preview';

/** The Email/get (or Email/parse) arguments that shape the content-derived properties. */
export interface EmailViewOptions extends BodyValueSelection {
  /** The properties to return; metadata properties and unknown names are skipped (validate them first). */
  readonly properties: readonly string[];
  /** @default - RFC 8621's default `bodyProperties` (`DEFAULT_BODY_PROPERTIES`) */
  readonly bodyProperties?: readonly string[] | null;
  /** The blob id of a body part, by partId (the caller decides how part blobs are addressed). */
  readonly blobIdOf: (partId: string) => string;
}

/**
 * Builds the requested content-derived Email properties from a raw message. Each property is keyed exactly as
 * requested (so `header:SUBJECT` keeps its capitalisation).
 * @param raw - the raw message (an Email's blob, or any blob for Email/parse)
 * @example
 * emailView(raw, {
 *   properties: ['subject', 'from', 'textBody', 'bodyValues', 'header:List-Post:asURLs'],
 *   fetchTextBodyValues: true,
 *   blobIdOf: (partId) => `${emailBlobId}.${partId}`,
 * });
 */
export function emailView(raw: Buffer, options: EmailViewOptions): Record<string, unknown> {
  const message = parseMime(raw);
  const root = message.root;
  const bodyProperties = options.bodyProperties ?? DEFAULT_BODY_PROPERTIES;
  const context: BodyPartContext = { raw, blobIdOf: options.blobIdOf, sizes: new Map() };
  let structure: BodyPart | undefined;
  let lists: BodyLists | undefined;
  const bodyStructure = () => (structure ??= bodyPartOf(root));
  const decomposed = () => (lists ??= bodyLists(bodyStructure()));
  const parts = (list: readonly BodyPart[]) =>
    list.map((part) => bodyPartObject(part, bodyProperties, context));

  const view: Record<string, unknown> = {};
  for (const property of options.properties) {
    const convenience = Object.hasOwn(CONVENIENCE_HEADERS, property)
      ? CONVENIENCE_HEADERS[property]
      : undefined;
    if (convenience) {
      view[property] = headerPropertyValue(root.headers, convenience);
      continue;
    }
    switch (property) {
      case 'headers':
        view[property] = emailHeaders(root.headers);
        break;
      case 'bodyStructure':
        view[property] = bodyPartObject(bodyStructure(), bodyProperties, context);
        break;
      case 'textBody':
      case 'htmlBody':
      case 'attachments':
        view[property] = parts(decomposed()[property]);
        break;
      case 'bodyValues':
        view[property] = bodyValues(raw, bodyStructure(), decomposed(), options);
        break;
      case 'hasAttachment':
        view[property] = hasAttachment(bodyStructure(), decomposed().attachments);
        break;
      case 'preview':
        view[property] = preview(raw, decomposed().textBody);
        break;
      default: {
        const header = parseHeaderProperty(property);
        if (typeof header === 'object') view[property] = headerPropertyValue(root.headers, header);
      }
    }
  }
  return view;
}

/** A body part's content for blob download (or Email/parse of an attached message). */
export interface PartContent {
  /** The content with its transfer encoding undone. */
  readonly bytes: Buffer;
  /** The part's lower-case media type. */
  readonly type: string;
  /** The part's file name (`name` of §4.1.4), or `null`. */
  readonly name: string | null;
}

/**
 * The decoded content of the part with this partId; `undefined` when the message has no such non-multipart part.
 * @example
 * const part = emailPartContent(raw, '2');
 * if (part) respond(200, part.bytes, { 'Content-Type': part.type });
 */
export function emailPartContent(raw: Buffer, partId: string): PartContent | undefined {
  const entity = findPart(parseMime(raw).root, partId);
  if (!entity) return undefined;
  return { bytes: decodeBody(raw, entity), type: entity.type, name: bodyPartOf(entity).name };
}

/** EmailBodyPart objects (RFC 8621 §4.1.4) built from the MIME entity tree. */

import {
  decodeBody,
  decodeEncodedWords,
  firstValue,
  parseParameterizedValue,
  stripComments,
  unfold,
} from '../../../core/message';
import type { MimeEntity } from '../../../core/message';
import { emailHeaders, headerPropertyValue } from './header-forms';
import { parseHeaderProperty } from './email-properties';

/** An entity with the EmailBodyPart fields that the body lists and body values need. */
export interface BodyPart {
  readonly entity: MimeEntity;
  readonly partId: string | null;
  readonly type: string;
  readonly name: string | null;
  readonly charset: string | null;
  readonly disposition: string | null;
  /** The children of a multipart; `null` for any other part (message/* parts are not entered). */
  readonly subParts: readonly BodyPart[] | null;
}

/** What building EmailBodyPart objects needs from the caller. */
export interface BodyPartContext {
  readonly raw: Buffer;
  readonly blobIdOf: (partId: string) => string;
  /** Decoded sizes already computed, by entity. */
  readonly sizes: Map<MimeEntity, number>;
}

/**
 * Reads the body-part fields of an entity and, for a multipart, of its descendants.
 * @example
 * bodyPartOf(parseMime(raw).root).type; // 'multipart/mixed'
 */
export function bodyPartOf(entity: MimeEntity): BodyPart {
  const disposition = firstValue(entity.headers, 'content-disposition');
  const parsedDisposition = disposition === undefined ? undefined : parseParameterizedValue(disposition);
  const rawName = parsedDisposition?.parameters.get('filename') || entity.parameters.get('name');
  const name = rawName === undefined ? '' : decodeEncodedWords(rawName).normalize('NFC');
  return {
    entity,
    partId: entity.partId,
    type: entity.type,
    name: name === '' ? null : name,
    charset: charsetOf(entity),
    disposition: parsedDisposition?.value || null,
    subParts: entity.partId === null ? entity.subParts.map(bodyPartOf) : null,
  };
}

/** §4.1.4 `charset`: the parameter; else `null` for a declared non-text type; else the implicit `us-ascii`. */
function charsetOf(entity: MimeEntity): string | null {
  const charset = entity.parameters.get('charset');
  if (charset !== undefined && charset !== '') return charset;
  return entity.hasContentType && !entity.type.startsWith('text/') ? null : 'us-ascii';
}

/** The first instance of a field with comments and white space around it removed; `null` when absent or empty. */
function cleanField(entity: MimeEntity, name: string): string | null {
  const value = firstValue(entity.headers, name);
  const clean = value === undefined ? '' : stripComments(unfold(value)).trim();
  return clean === '' ? null : clean;
}

/**
 * The decoded size of a part's content (§4.1.4 `size`); for a multipart, the size of its raw body.
 * @example
 * decodedSize(context, part.entity); // 1024
 */
export function decodedSize(context: BodyPartContext, entity: MimeEntity): number {
  const known = context.sizes.get(entity);
  if (known !== undefined) return known;
  const size =
    entity.partId === null ? entity.end - entity.bodyStart : decodeBody(context.raw, entity).length;
  context.sizes.set(entity, size);
  return size;
}

function propertyValue(
  part: BodyPart,
  property: string,
  context: BodyPartContext,
  properties: readonly string[],
) {
  const { entity } = part;
  switch (property) {
    case 'partId':
      return part.partId;
    case 'blobId':
      return part.partId === null ? null : context.blobIdOf(part.partId);
    case 'size':
      return decodedSize(context, entity);
    case 'headers':
      return emailHeaders(entity.headers);
    case 'name':
      return part.name;
    case 'type':
      return part.type;
    case 'charset':
      return part.charset;
    case 'disposition':
      return part.disposition;
    case 'cid': {
      const cid = cleanField(entity, 'content-id');
      return cid === null ? null : cid.replace(/^<\s*(.*?)\s*>$/, '$1');
    }
    case 'language': {
      const language = cleanField(entity, 'content-language');
      if (language === null) return firstValue(entity.headers, 'content-language') === undefined ? null : [];
      return language
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean);
    }
    case 'location': {
      const location = cleanField(entity, 'content-location');
      return location === null ? null : location.replace(/\s+/g, '');
    }
    case 'subParts':
      return part.subParts === null
        ? null
        : part.subParts.map((child) => bodyPartObject(child, properties, context));
    default: {
      const header = parseHeaderProperty(property);
      return typeof header === 'object' ? headerPropertyValue(entity.headers, header) : undefined;
    }
  }
}

/**
 * The EmailBodyPart object with the requested properties (validated by the caller; unknown ones are left out).
 * @param properties - the `bodyProperties` to include
 * @example
 * bodyPartObject(part, ['partId', 'type'], context); // { partId: '1', type: 'text/plain' }
 */
export function bodyPartObject(
  part: BodyPart,
  properties: readonly string[],
  context: BodyPartContext,
): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const property of properties) {
    const value = propertyValue(part, property, context, properties);
    if (value !== undefined) object[property] = value;
  }
  return object;
}

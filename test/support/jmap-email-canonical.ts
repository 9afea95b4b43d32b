/**
 * Makes two servers' JMAP Email objects comparable: what RFC 8621 leaves to the server (ids, blob ids, the naming
 * of part ids, the size of a multipart) is replaced by what it stands for.
 */

/** A JSON value as Email/get returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

/** A property path into an Email object, e.g. `['bodyStructure', 'subParts', 1, 'name']`. */
export type JsonPath = readonly (string | number)[];

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Leaf part ids in document order (depth-first), each named `part<n>` so both servers' names agree. */
function partNames(structure: JsonValue | undefined, names = new Map<string, string>()): Map<string, string> {
  if (!isObject(structure)) return names;
  if (typeof structure.partId === 'string') names.set(structure.partId, `part${names.size + 1}`);
  if (Array.isArray(structure.subParts)) for (const sub of structure.subParts) partNames(sub, names);
  return names;
}

function canonicalPart(part: JsonValue, names: Map<string, string>): JsonValue {
  if (!isObject(part)) return part;
  const result: JsonObject = { ...part };
  const multipart = typeof part.type === 'string' && part.type.startsWith('multipart/');
  if (typeof part.partId === 'string') result.partId = names.get(part.partId) ?? `unknown:${part.partId}`;
  // Blob ids are opaque; only whether there is one (every part but a multipart has one) is comparable.
  if ('blobId' in part) result.blobId = typeof part.blobId === 'string' ? '(blob)' : part.blobId;
  // §4.1.4 defines size as the octets of the blob, and a multipart has none: servers differ (Cyrus says 0).
  if (multipart) delete result.size;
  if (Array.isArray(part.subParts)) result.subParts = part.subParts.map((sub) => canonicalPart(sub, names));
  return result;
}

/**
 * The comparable form of an Email object: `id`, `blobId` and `threadId` dropped (compared as partitions elsewhere),
 * part ids renamed by position, blob ids reduced to their presence, `bodyValues` keyed by the renamed part ids.
 * @example
 * expect(canonicalEmail(mailwright)).toEqual(canonicalEmail(cyrus));
 */
export function canonicalEmail(email: JsonObject): JsonObject {
  const names = partNames(email.bodyStructure);
  const { id: _id, blobId: _blobId, threadId: _threadId, ...rest } = email;
  const result: JsonObject = { ...rest };
  if ('bodyStructure' in email) result.bodyStructure = canonicalPart(email.bodyStructure, names);
  for (const list of ['textBody', 'htmlBody', 'attachments'])
    if (Array.isArray(email[list])) result[list] = email[list].map((part) => canonicalPart(part, names));
  if (isObject(email.bodyValues))
    result.bodyValues = Object.fromEntries(
      Object.entries(email.bodyValues).map(([partId, value]) => [
        names.get(partId) ?? `unknown:${partId}`,
        value,
      ]),
    );
  return result;
}

/** The value at `path`, or undefined when the path leads nowhere. */
export function valueAt(value: JsonValue | undefined, path: JsonPath): JsonValue | undefined {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isObject(current) && typeof key === 'string') current = current[key];
    else return undefined;
  }
  return current;
}

/**
 * A copy of `value` with the value at `path` replaced, or removed when `replacement` is undefined.
 * @example
 * withValueAt(email, ['bodyStructure', 'subParts', 0, 'subParts'], null);
 */
export function withValueAt(value: JsonValue, path: JsonPath, replacement: JsonValue | undefined): JsonValue {
  if (path.length === 0) return replacement ?? null;
  const [key, ...rest] = path;
  if (Array.isArray(value) && typeof key === 'number') {
    const copy = [...value];
    copy[key] = withValueAt(copy[key], rest, replacement);
    return copy;
  }
  if (isObject(value) && typeof key === 'string') {
    const copy = { ...value };
    if (rest.length === 0 && replacement === undefined) delete copy[key];
    else copy[key] = withValueAt(copy[key] ?? null, rest, replacement);
    return copy;
  }
  throw new Error(`no ${String(key)} in ${JSON.stringify(value).slice(0, 80)}`);
}

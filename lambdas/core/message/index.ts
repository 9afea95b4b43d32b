export { decodeText, isKnownCharset } from './charset';
export { decodeEncodedWords } from './encoded-words';
export { stripComments, unfold } from './field-value';
export { DEFAULT_MIME_LIMITS, findPart, firstValue, parseMime } from './mime-tree';
export { mediaTypeOf, parseParameterizedValue } from './parameters';
export type { ParameterizedValue } from './parameters';
export { decodeBody, isIdentityEncoding, isKnownTransferEncoding } from './transfer-encoding';
export type { DecodedText, HeaderField, MimeEntity, MimeLimits, MimeMessage } from './types';

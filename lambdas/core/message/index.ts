export { decodeText, isKnownCharset } from './charset';
export { decodeEncodedWords } from './encoded-words';
export { stripComments, unfold } from './field-value';
export { mediaTypeOf, parseParameterizedValue } from './parameters';
export type { ParameterizedValue } from './parameters';
export type { DecodedText, HeaderField, MimeEntity, MimeLimits, MimeMessage } from './types';

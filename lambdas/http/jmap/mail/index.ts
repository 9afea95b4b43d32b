export type { EmailBodyValue } from './body-values';
export {
  assertEmailProperties,
  BODY_PART_PROPERTIES,
  DEFAULT_BODY_PROPERTIES,
  DEFAULT_EMAIL_GET_PROPERTIES,
  DEFAULT_EMAIL_PARSE_PROPERTIES,
  EMAIL_CONTENT_PROPERTIES,
  EMAIL_METADATA_PROPERTIES,
  isFormAllowed,
  parseHeaderProperty,
} from './email-properties';
export type { HeaderForm, HeaderProperty } from './email-properties';
export { emailPartContent, emailView } from './email-view';
export type { EmailViewOptions, PartContent } from './email-view';

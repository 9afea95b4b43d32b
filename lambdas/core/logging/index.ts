export { LogRedactor, REDACTED_CONTENT, UNKEYED_ADDRESS } from './log-redactor';

import { ServiceException } from '../api/errors';

/** Errors of the Message Flow API, named exactly like `workmailmessageflow`'s exceptions (§7.6). */

/** The message id is unknown, expired (24 h) or not visible to the caller. HTTP 404. */
export class ResourceNotFoundException extends ServiceException {
  constructor(message = 'The requested email message is not found.', options?: ErrorOptions) {
    super('ResourceNotFoundException', message, { ...options, statusCode: 404 });
  }
}

/**
 * The content a Put names cannot be used: not allowed for the organization, unreadable, too large or invalid MIME.
 * Put answers all of these with one message (`CONTENT_REFUSED_MESSAGE`). HTTP 400.
 */
export class InvalidContentLocation extends ServiceException {
  constructor(message = 'WorkMail could not access the updated email content.', options?: ErrorOptions) {
    super('InvalidContentLocation', message, { ...options, statusCode: 400 });
  }
}

/** The message cannot be updated, typically because it was redirected. HTTP 400. */
export class MessageFrozen extends ServiceException {
  constructor(
    message = 'The requested email is not eligible for update. This is usually the case for a redirected email.',
    options?: ErrorOptions,
  ) {
    super('MessageFrozen', message, { ...options, statusCode: 400 });
  }
}

/**
 * The new MIME content is invalid, or too large; the message says why (a rule and a line number, never content). Put
 * logs it as a category and answers InvalidContentLocation, so callers never see it.
 */
export class MessageRejected extends ServiceException {
  constructor(
    message = 'The requested email could not be updated due to an error in the MIME content.',
    options?: ErrorOptions,
  ) {
    super('MessageRejected', message, { ...options, statusCode: 400 });
  }
}

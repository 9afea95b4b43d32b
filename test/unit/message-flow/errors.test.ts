import {
  InvalidContentLocation,
  MessageFrozen,
  MessageRejected,
  ResourceNotFoundException,
} from '../../../lambdas/core/message-flow';

describe('Message Flow API errors', () => {
  it.each([
    [
      'ResourceNotFoundException',
      () => new ResourceNotFoundException(),
      404,
      'The requested email message is not found.',
    ],
    [
      'InvalidContentLocation',
      () => new InvalidContentLocation(),
      400,
      'WorkMail could not access the updated email content.',
    ],
    [
      'MessageFrozen',
      () => new MessageFrozen(),
      400,
      'The requested email is not eligible for update. This is usually the case for a redirected email.',
    ],
    [
      'MessageRejected',
      () => new MessageRejected(),
      400,
      'The requested email could not be updated due to an error in the MIME content.',
    ],
  ])(
    'answers %s with its WorkMail name, HTTP status and default message',
    (name, create, status, message) => {
      expect(create()).toMatchObject({ name, statusCode: status, message });
    },
  );

  it.each([
    ['ResourceNotFoundException', (cause: Error) => new ResourceNotFoundException('gone', { cause })],
    ['InvalidContentLocation', (cause: Error) => new InvalidContentLocation('unreadable', { cause })],
    ['MessageFrozen', (cause: Error) => new MessageFrozen('frozen', { cause })],
    ['MessageRejected', (cause: Error) => new MessageRejected('Line 3 is too long', { cause })],
  ])('keeps the cause of a %s for the operator logs', (_, create) => {
    const cause = new Error('underlying');

    expect(create(cause).cause).toBe(cause);
  });
});

import * as workmail from '@aws-sdk/client-workmail';
import * as errors from '../../../lambdas/core/api/errors';

type ExceptionClass = new (message?: string, options?: ErrorOptions) => errors.ServiceException;

const exceptions = (Object.entries(errors) as Array<[string, unknown]>).filter(
  (entry): entry is [string, ExceptionClass] =>
    entry[1] !== errors.ServiceException &&
    typeof entry[1] === 'function' &&
    entry[1].prototype instanceof errors.ServiceException,
);
// Errors every AWS JSON API returns, which no service model lists; the signature ones are 403 (AWS's statuses).
const COMMON = { InvalidAction: 400, SerializationException: 400, AccessDeniedException: 403 };
const SIGNATURE = ['IncompleteSignature', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'RequestExpired'];

describe('API errors', () => {
  it('defines every WorkMail exception it throws under the name the AWS SDK model gives it', () => {
    const own = exceptions
      .map(([name]) => name)
      .filter((name) => !(name in COMMON) && !SIGNATURE.includes(name));

    expect(own.length).toBeGreaterThan(15);
    for (const name of own) expect(workmail).toHaveProperty(name);
  });

  it.each(exceptions)('%s sets its own name, a status and a default message', (name, Exception) => {
    const error = new Exception();

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.statusCode).toBe(
      SIGNATURE.includes(name) ? 403 : ((COMMON as Record<string, number>)[name] ?? 400),
    );
    expect(error.message).toMatch(/^[A-Z].{10,}\.$/);
  });

  it('keeps a given message and cause', () => {
    const cause = new Error('inner');

    const error = new errors.EntityNotFoundException('No user u-1.', { cause });

    expect([error.message, error.cause, error.statusCode]).toEqual(['No user u-1.', cause, 400]);
  });
});

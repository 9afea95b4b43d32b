/**
 * A WorkMail API call that failed, as the source or target answered it: `code` is the exception name
 * (`TooManyRequestsException`, `EmailAddressInUseException`, …), the message what the service said.
 */
export class WorkMailCallError extends Error {
  constructor(
    readonly action: string,
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${action}: ${code}: ${message}`, options);
    this.name = 'WorkMailCallError';
  }
}

/** A migration that cannot start: the source organization or the target is not what the run needs. */
export class MigrationSetupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MigrationSetupError';
  }
}

/** True when `error` is a call the service refused with the exception `code`. */
export function isCallError(error: unknown, ...codes: readonly string[]): error is WorkMailCallError {
  return error instanceof WorkMailCallError && (codes.length === 0 || codes.includes(error.code));
}

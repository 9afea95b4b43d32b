/** An EWS endpoint could not be reached (DNS, connection, TLS, a refused URL, or no answer in time). */
export class EwsUnreachableError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'EwsUnreachableError';
  }
}

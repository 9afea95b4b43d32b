/**
 * The caller's bucket, object, key or role refused the request (access denied, no such bucket or object, a KMS
 * refusal, an object that is no zip): retrying cannot help, so the job ends FAILED with the code in its ErrorInfo.
 */
export class ExportTargetRefusedError extends Error {
  constructor(
    /** The service's error code, e.g. `AccessDenied`; never message content. */
    readonly code: string,
    options?: ErrorOptions,
  ) {
    super(`The bucket, object, key or role refused the request (${code}).`, options);
    this.name = 'ExportTargetRefusedError';
  }
}

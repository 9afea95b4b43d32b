/**
 * The caller's bucket, key or role refused a write (access denied, no such bucket, KMS refusal): retrying cannot
 * help, so the job ends FAILED with the refusal's code as its ErrorInfo.
 */
export class ExportTargetRefusedError extends Error {
  constructor(
    /** The service's error code, e.g. `AccessDenied`; never message content. */
    readonly code: string,
    options?: ErrorOptions,
  ) {
    super(`The export destination refused the write (${code}).`, options);
    this.name = 'ExportTargetRefusedError';
  }
}

/** Errors of the admin-key model. None crosses the API as such: operations map them to WorkMail exceptions. */

/** A key with this access key id already exists. */
export class AdminKeyExistsError extends Error {
  readonly accessKeyId: string;
  constructor(accessKeyId: string, options?: ErrorOptions) {
    super(`Admin key ${accessKeyId} already exists`, options);
    this.name = 'AdminKeyExistsError';
    this.accessKeyId = accessKeyId;
  }
}

/** A configured access key id or secret (e.g. MAILWRIGHT_ADMIN_KEY_ID) does not have the required format. */
export class InvalidAdminCredentialsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidAdminCredentialsError';
  }
}

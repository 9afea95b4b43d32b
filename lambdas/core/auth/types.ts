/** Records of the admin access keys Mailwright manages. Times are epoch milliseconds. */

/** A key is active until revoked; revoked keys stay listed so their use can be traced. */
export type AdminKeyState = 'ACTIVE' | 'REVOKED';

/** Organization ids a key may act on, or `'*'` for every organization (an unscoped key). */
export type AdminKeyScope = readonly string[] | '*';

/** One admin access key. The secret is never stored in clear: only `wrappedSecret`, from the KeyWrapper. */
export interface AdminKey {
  /** `AKMW` and 16 upper-case letters or digits. */
  readonly accessKeyId: string;
  /** The 40-character secret, encrypted under the encryption context {@link adminSecretContext} names. */
  readonly wrappedSecret: Uint8Array;
  readonly organizations: AdminKeyScope;
  readonly description?: string;
  readonly state: AdminKeyState;
  readonly createdAt: number;
  readonly revokedAt?: number;
  /** When the key stops working on its own (single sign-on keys); absent: it lasts until revoked. */
  readonly expiresAt?: number;
}

/** A key and its secret in clear, as the SigV4 verifier needs them. */
export interface ResolvedAdminKey {
  readonly accessKeyId: string;
  readonly secret: string;
  readonly organizations: AdminKeyScope;
}

/** The encryption context an admin secret is wrapped under: it names the key, so a secret cannot be moved. */
export function adminSecretContext(accessKeyId: string): Record<string, string> {
  return { purpose: 'mailwright-admin-key', accessKeyId };
}

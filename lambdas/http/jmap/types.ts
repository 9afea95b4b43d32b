/** The capability of RFC 8620 itself (JMAP core). */
export const JMAP_CORE = 'urn:ietf:params:jmap:core';

/** A JSON object: a method's arguments, a capability object, an error object. */
export type JmapObject = { readonly [key: string]: unknown };

/** The named arguments of a method call or a method response (RFC 8620 §3.2, `String[*]`). */
export type JmapArguments = JmapObject;

/** `[name, arguments, methodCallId]`: a method call or a method response (RFC 8620 §3.2). */
export type JmapInvocation = readonly [name: string, arguments: JmapArguments, methodCallId: string];

/**
 * The limits of `urn:ietf:params:jmap:core` (RFC 8620 §2), advertised in the session. A type alias rather than an
 * interface so that it is assignable to {@link JmapObject}.
 */
export type JmapCoreCapability = {
  /** Largest single file upload, in octets. */
  readonly maxSizeUpload: number;
  /** Concurrent requests accepted on the upload endpoint. */
  readonly maxConcurrentUpload: number;
  /** Largest request to the API endpoint, in octets. */
  readonly maxSizeRequest: number;
  /** Concurrent requests accepted on the API endpoint. */
  readonly maxConcurrentRequests: number;
  /** Method calls accepted in one request. */
  readonly maxCallsInRequest: number;
  /** Objects a client may fetch in one `/get` call. */
  readonly maxObjectsInGet: number;
  /** Objects a client may create, update or destroy in one `/set` call. */
  readonly maxObjectsInSet: number;
  /** RFC 4790 collation identifiers the server sorts with. */
  readonly collationAlgorithms: readonly string[];
};

/** An account the authenticated user may access (RFC 8620 §2). */
export interface JmapAccount {
  /** A user-friendly name, e.g. the owner's address. */
  readonly name: string;
  /** True when the account belongs to the authenticated user rather than being shared with them. */
  readonly isPersonal: boolean;
  /** True when the whole account is read-only. */
  readonly isReadOnly: boolean;
  /** Capability URI → what the account allows for it; a method works on an account only if its capability is here. */
  readonly accountCapabilities: Readonly<Record<string, JmapObject>>;
}

/** The JMAP Session resource (RFC 8620 §2), as served at `/.well-known/jmap`. */
export interface JmapSession {
  /** Capability URI → server-wide information; always holds `urn:ietf:params:jmap:core`. */
  readonly capabilities: Readonly<Record<string, JmapObject>> & {
    readonly [JMAP_CORE]: JmapCoreCapability;
  };
  /** Account id → account, for every account these credentials may use. */
  readonly accounts: Readonly<Record<string, JmapAccount>>;
  /** Capability URI → the id of the user's main account for it. */
  readonly primaryAccounts: Readonly<Record<string, string>>;
  readonly username: string;
  readonly apiUrl: string;
  /** RFC 6570 level-1 template with `accountId`, `blobId`, `type` and `name`. */
  readonly downloadUrl: string;
  /** RFC 6570 level-1 template with `accountId`. */
  readonly uploadUrl: string;
  /** RFC 6570 level-1 template with `types`, `closeafter` and `ping`. */
  readonly eventSourceUrl: string;
  /** Changes whenever any other property changes; echoed as `sessionState` on every API response. */
  readonly state: string;
}

/** A decoded, valid Request object (RFC 8620 §3.3). */
export interface JmapRequest {
  readonly using: readonly string[];
  readonly methodCalls: readonly JmapInvocation[];
  /** Creation id → server id, only when the client sent the property. */
  readonly createdIds?: Readonly<Record<string, string>>;
}

/** The Response object (RFC 8620 §3.4). */
export interface JmapResponse {
  readonly methodResponses: readonly JmapInvocation[];
  /** Only present when the request carried `createdIds`. */
  readonly createdIds?: Readonly<Record<string, string>>;
  readonly sessionState: string;
}

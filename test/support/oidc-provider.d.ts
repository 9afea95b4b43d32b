/**
 * The part of npm `oidc-provider` (which ships no types) the test issuer uses: a provider built from an issuer URL
 * and a configuration, served as a node:http request listener.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Account {
    readonly accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }

  interface Configuration {
    readonly clients?: readonly Record<string, unknown>[];
    readonly claims?: Record<string, readonly string[]>;
    readonly conformIdTokenClaims?: boolean;
    readonly cookies?: { readonly keys: readonly string[] };
    readonly features?: Record<string, { readonly enabled: boolean }>;
    readonly ttl?: Record<string, number>;
    readonly jwks?: { readonly keys: readonly Record<string, unknown>[] };
    findAccount(context: unknown, sub: string): Promise<Account | undefined>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }
}

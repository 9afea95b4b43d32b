/** A runtime-neutral HTTP request: what API Gateway's proxy event and node:http both reduce to. */
export interface HttpRequest {
  readonly method: string;
  /**
   * Path without query string, percent-encoded exactly as the client sent (and signed) it, e.g. `/` or
   * `/organizations/m-…/users/alice%40example.com`.
   */
  readonly path: string;
  /** Query parameters, percent-decoded; for a repeated name the last value. */
  readonly query: Readonly<Record<string, string>>;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly sourceIp?: string;
}

/** A runtime-neutral HTTP response. */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | string;
  /**
   * A body sent piece by piece after `body` until it ends or the client goes away (server-sent events). Only the
   * local node:http server streams; a Lambda behind API Gateway cannot, so handlers there never set it.
   */
  readonly stream?: AsyncIterable<string>;
}

/** Serves one HTTP request. */
export type HttpHandler = (request: HttpRequest) => Promise<HttpResponse>;

import { EwsUnreachableError } from '../../core/availability/errors';
import type { EwsHttpAnswer, EwsTransport } from '../../core/availability/ports';

/** Options of {@link HttpsEwsTransport}. */
export interface HttpsEwsTransportOptions {
  /**
   * Also allow plain `http://` to a loopback host (127.0.0.1, localhost, [::1]): the local runtime and tests, where
   * the EWS endpoint is a server on this machine. @default false - HTTPS only
   */
  readonly allowLoopbackHttp?: boolean;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/** The largest answer read: 100 mailboxes over 42 days fit many times over; a larger body is cut off there. */
export const MAX_EWS_RESPONSE_BYTES = 16 * 1024 * 1024;

/**
 * EwsTransport over HTTPS with Node's fetch: the certificate must chain to a public CA (Node's default trust store;
 * self-signed endpoints fail, as in WorkMail), Basic authentication, redirects not followed (credentials never go
 * to another host), the attempt aborted after `timeoutMs`.
 * @example
 * const ews = new HttpsEwsTransport();
 */
export class HttpsEwsTransport implements EwsTransport {
  private readonly allowLoopbackHttp: boolean;

  constructor(options: HttpsEwsTransportOptions = {}) {
    this.allowLoopbackHttp = options.allowLoopbackHttp ?? false;
  }

  /** Posts the SOAP request; see {@link EwsTransport.post}. */
  async post(
    endpoint: string,
    credentials: { readonly username: string; readonly password: string },
    soapXml: string,
    timeoutMs: number,
  ): Promise<EwsHttpAnswer> {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch (error) {
      throw new EwsUnreachableError('The EWS URL is not a URL', false, { cause: error });
    }
    const loopbackHttp =
      url.protocol === 'http:' && this.allowLoopbackHttp && LOOPBACK.includes(url.hostname);
    if (url.protocol !== 'https:' && !loopbackHttp)
      throw new EwsUnreachableError('EWS endpoints are reached over HTTPS only', false);
    const authorization = Buffer.from(`${credentials.username}:${credentials.password}`, 'latin1').toString(
      'base64',
    );
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', authorization: `Basic ${authorization}` },
        body: soapXml,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: response.status, body: await boundedText(response) };
    } catch (error) {
      // Abort errors are DOMExceptions, which need not be instances of this realm's Error.
      const name = (error as { name?: unknown } | null)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      throw new EwsUnreachableError(
        timedOut ? `No answer within ${timeoutMs} ms` : 'The EWS endpoint could not be reached',
        timedOut,
        { cause: error },
      );
    }
  }
}

/** The body as text, at most {@link MAX_EWS_RESPONSE_BYTES} of it (the rest is not read: the answer then fails to parse). */
async function boundedText(response: Response): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    chunks.push(chunk as Uint8Array);
    size += (chunk as Uint8Array).length;
    // Leaving the loop cancels the stream.
    if (size >= MAX_EWS_RESPONSE_BYTES) break;
  }
  return Buffer.concat(chunks).subarray(0, MAX_EWS_RESPONSE_BYTES).toString('utf8');
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * The custom header the web app's CloudFront distribution adds to every request it sends the user API; its value is
 * a secret (Secrets Manager) that only the distribution and the JMAP function know.
 */
export const ORIGIN_SECRET_HEADER = 'x-mailwright-origin-secret';
/** Set by the distribution's viewer request function: the host name the browser asked for (CloudFront sends the API's own). */
export const VIEWER_HOST_HEADER = 'x-mailwright-viewer-host';
/** CloudFront's header with the viewer's address and port: `198.51.100.7:52311`, `2001:db8::7:443`. */
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';

/** What CloudFront says about the browser behind a request it forwarded. */
export interface CloudFrontViewer {
  /** The client's IP address. */
  readonly address?: string;
  /** The host name the browser used (the web app's domain), when it is a well-formed one. */
  readonly host?: string;
}

/**
 * The viewer CloudFront forwarded the request for, when the request carries the distribution's origin secret
 * (compared in constant time); `undefined` otherwise — anyone can send `CloudFront-Viewer-Address` to API Gateway
 * directly, so without the secret those headers are ignored.
 * @param headers - lower-case names, as in an HttpRequest
 * @example
 * cloudFrontViewer({ 'x-mailwright-origin-secret': secret, 'cloudfront-viewer-address': '198.51.100.7:443' }, secret);
 * // { address: '198.51.100.7', host: undefined }
 */
export function cloudFrontViewer(
  headers: Readonly<Record<string, string>>,
  secret: string | undefined,
): CloudFrontViewer | undefined {
  const given = headers[ORIGIN_SECRET_HEADER];
  if (!secret || given === undefined || !timingSafeEqual(digest(given), digest(secret))) return undefined;
  return {
    address: viewerAddress(headers[VIEWER_ADDRESS_HEADER]),
    host: viewerHost(headers[VIEWER_HOST_HEADER]),
  };
}

/** Equal-length digests, so that the comparison takes the same time whatever the lengths given. */
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** The address of `address:port` (IPv6 without brackets, as CloudFront writes it). */
function viewerAddress(value: string | undefined): string | undefined {
  const address = value?.slice(0, value.lastIndexOf(':'));
  return address && isIP(address) ? address : undefined;
}

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

function viewerHost(value: string | undefined): string | undefined {
  return value && HOST_NAME.test(value) ? value.toLowerCase() : undefined;
}

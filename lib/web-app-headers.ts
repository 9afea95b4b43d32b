import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';

/** HSTS in the cloud: a year, subdomains included (`npm start` serves plain http, so it never sends it). */
export const WEB_APP_HSTS = { maxAge: Duration.days(365), includeSubdomains: true } as const;

/**
 * The response headers policy settings that make CloudFront send exactly `headers` (the local server's
 * `webAppSecurityHeaders`) plus HSTS. CloudFront takes the headers it knows as security headers (and refuses them as
 * custom ones); every other header becomes a custom header. All override what the origin sent.
 * @throws Error for a value CloudFront cannot express (a frame or referrer option it does not offer)
 * @example
 * new cloudfront.ResponseHeadersPolicy(this, 'Headers', cloudFrontHeaders(webAppSecurityHeaders(csp)));
 */
export function cloudFrontHeaders(
  headers: Readonly<Record<string, string>>,
): Pick<cloudfront.ResponseHeadersPolicyProps, 'securityHeadersBehavior' | 'customHeadersBehavior'> {
  const override = true;
  const security: {
    -readonly [
      K in keyof cloudfront.ResponseSecurityHeadersBehavior
    ]: cloudfront.ResponseSecurityHeadersBehavior[K];
  } = {
    strictTransportSecurity: {
      accessControlMaxAge: WEB_APP_HSTS.maxAge,
      includeSubdomains: WEB_APP_HSTS.includeSubdomains,
      override,
    },
  };
  const customHeaders: cloudfront.ResponseCustomHeader[] = [];
  for (const [name, value] of Object.entries(headers)) {
    switch (name) {
      case 'content-security-policy':
        security.contentSecurityPolicy = { contentSecurityPolicy: value, override };
        break;
      case 'x-content-type-options':
        if (value !== 'nosniff')
          throw new Error(`CloudFront sends only x-content-type-options: nosniff, not ${value}`);
        security.contentTypeOptions = { override };
        break;
      case 'x-frame-options':
        security.frameOptions = { frameOption: option(cloudfront.HeadersFrameOption, name, value), override };
        break;
      case 'referrer-policy':
        security.referrerPolicy = {
          referrerPolicy: option(cloudfront.HeadersReferrerPolicy, name, value),
          override,
        };
        break;
      default:
        customHeaders.push({ header: name, value, override });
    }
  }
  return { securityHeadersBehavior: security, customHeadersBehavior: { customHeaders } };
}

/** The member of a CloudFront option enum whose value is `value`. */
function option<T extends string>(choices: Record<string, T>, name: string, value: string): T {
  const found = Object.values(choices).find((choice) => choice === value);
  if (!found) throw new Error(`CloudFront cannot send ${name}: ${value}`);
  return found;
}

import { randomBytes } from 'node:crypto';
import type { DomainVerification, DomainVerificationStart, DomainVerifier } from '../../core/directory/ports';

/**
 * A domain verifier for deployments that cannot check DNS (`trustDomainsWithoutDns`, the local runtime): every
 * domain counts as verified at once, with freshly generated tokens for the records shown to the admin.
 * @example
 * const domainVerifier = new TrustingDomainVerifier();
 */
export class TrustingDomainVerifier implements DomainVerifier {
  async start(domainName: string): Promise<DomainVerificationStart> {
    void domainName;
    return {
      ownership: 'VERIFIED',
      dkim: 'VERIFIED',
      verificationToken: randomBytes(32).toString('base64'),
      dkimTokens: [0, 1, 2].map(() => randomBytes(16).toString('hex')),
    };
  }

  async status(domainName: string): Promise<DomainVerification> {
    void domainName;
    return { ownership: 'VERIFIED', dkim: 'VERIFIED' };
  }
}

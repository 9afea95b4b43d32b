import {
  AlreadyExistsException,
  CreateEmailIdentityCommand,
  GetEmailIdentityCommand,
  type SESv2Client,
} from '@aws-sdk/client-sesv2';
import type { DomainVerification, DomainVerificationStart, DomainVerifier } from '../../core/directory/ports';
import type { VerificationStatus } from '../../core/directory/types';

/**
 * Verifies mail domains as SES v2 domain identities with Easy DKIM: `start` creates the identity (or reads the
 * existing one), `status` reads it. SES v2 proves ownership through the DKIM records, so it issues no
 * `_amazonses` token; core generates one for the record set.
 * @example
 * const domainVerifier = new SesDomainVerifier(new SESv2Client({}));
 */
export class SesDomainVerifier implements DomainVerifier {
  constructor(private readonly ses: SESv2Client) {}

  async start(domainName: string): Promise<DomainVerificationStart> {
    try {
      const created = await this.ses.send(new CreateEmailIdentityCommand({ EmailIdentity: domainName }));
      const dkim = toStatus(created.DkimAttributes?.Status);
      return {
        ownership: created.VerifiedForSendingStatus ? 'VERIFIED' : dkim,
        dkim,
        dkimTokens: created.DkimAttributes?.Tokens ?? [],
      };
    } catch (error) {
      if (!(error instanceof AlreadyExistsException)) throw error;
      const identity = await this.ses.send(new GetEmailIdentityCommand({ EmailIdentity: domainName }));
      return {
        ownership: toStatus(identity.VerificationStatus),
        dkim: toStatus(identity.DkimAttributes?.Status),
        dkimTokens: identity.DkimAttributes?.Tokens ?? [],
      };
    }
  }

  async status(domainName: string): Promise<DomainVerification> {
    const identity = await this.ses.send(new GetEmailIdentityCommand({ EmailIdentity: domainName }));
    return {
      ownership: toStatus(identity.VerificationStatus),
      dkim: toStatus(identity.DkimAttributes?.Status),
    };
  }
}

/** Maps SES's statuses onto WorkMail's three: temporary failures and not-yet-started count as PENDING. */
function toStatus(status: string | undefined): VerificationStatus {
  if (status === 'SUCCESS') return 'VERIFIED';
  if (status === 'FAILED') return 'FAILED';
  return 'PENDING';
}

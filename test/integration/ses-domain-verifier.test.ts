import {
  AlreadyExistsException,
  CreateEmailIdentityCommand,
  GetEmailIdentityCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { SesDomainVerifier } from '../../lambdas/adapters/aws/ses-domain-verifier';
import { TrustingDomainVerifier } from '../../lambdas/adapters/local/trusting-domain-verifier';

describe('SesDomainVerifier', () => {
  const ses = mockClient(SESv2Client);
  const verifier = new SesDomainVerifier(new SESv2Client({ region: 'eu-west-1' }));
  beforeEach(() => ses.reset());

  it('creates an Easy DKIM identity and reports it pending', async () => {
    ses.on(CreateEmailIdentityCommand, { EmailIdentity: 'example.com' }).resolves({
      VerifiedForSendingStatus: false,
      DkimAttributes: { Status: 'PENDING', Tokens: ['t1', 't2', 't3'] },
    });
    await expect(verifier.start('example.com')).resolves.toEqual({
      ownership: 'PENDING',
      dkim: 'PENDING',
      dkimTokens: ['t1', 't2', 't3'],
    });
  });

  it('reads an identity that already exists', async () => {
    ses
      .on(CreateEmailIdentityCommand)
      .rejects(new AlreadyExistsException({ message: 'exists', $metadata: {} }));
    ses
      .on(GetEmailIdentityCommand)
      .resolves({ VerificationStatus: 'SUCCESS', DkimAttributes: { Status: 'SUCCESS', Tokens: ['t'] } });
    await expect(verifier.start('example.com')).resolves.toEqual({
      ownership: 'VERIFIED',
      dkim: 'VERIFIED',
      dkimTokens: ['t'],
    });
  });

  it("maps SES statuses onto WorkMail's", async () => {
    ses
      .on(GetEmailIdentityCommand)
      .resolves({ VerificationStatus: 'FAILED', DkimAttributes: { Status: 'TEMPORARY_FAILURE' } });
    await expect(verifier.status('example.com')).resolves.toEqual({ ownership: 'FAILED', dkim: 'PENDING' });
  });
});

describe('TrustingDomainVerifier', () => {
  it('trusts every domain, with three DKIM tokens', async () => {
    const started = await new TrustingDomainVerifier().start('example.com');
    expect(started).toMatchObject({ ownership: 'VERIFIED', dkim: 'VERIFIED' });
    expect(started.dkimTokens).toHaveLength(3);
  });
});

import {
  createOrganization,
  getMailDomain,
  registerMailDomain,
} from '../../lambdas/core/api/operations/organizations';
import { createTestApiDeps } from '../support/api-deps';

type Records = { Records: Array<{ Type: string; Hostname: string; Value: string }> };

const MAIL_ACCESS = {
  hostName: 'mail.provider.example',
  imapPort: 143,
  imapTlsPort: 993,
  submissionPort: 587,
  submissionTlsPort: 465,
};

async function recordsOf(settings: Parameters<typeof createTestApiDeps>[0]): Promise<Records['Records']> {
  const t = await createTestApiDeps(settings);
  const { OrganizationId } = await t.call<{ OrganizationId: string }>(createOrganization, { Alias: 'srv' });
  await t.call(registerMailDomain, { OrganizationId, DomainName: 'srv.example' });
  return (await t.call<Records>(getMailDomain, { OrganizationId, DomainName: 'srv.example' })).Records;
}

describe('Operation: GetMailDomain (IMAP and submission records)', () => {
  it('lists RFC 6186 and RFC 8314 SRV records when the deployment offers IMAP and submission', async () => {
    const records = await recordsOf({ settings: { mailAccess: MAIL_ACCESS } });

    expect(records.filter((record) => record.Type === 'SRV')).toEqual([
      { Type: 'SRV', Hostname: '_imaps._tcp.srv.example', Value: '0 1 993 mail.provider.example' },
      { Type: 'SRV', Hostname: '_imap._tcp.srv.example', Value: '0 1 143 mail.provider.example' },
      { Type: 'SRV', Hostname: '_submissions._tcp.srv.example', Value: '0 1 465 mail.provider.example' },
      { Type: 'SRV', Hostname: '_submission._tcp.srv.example', Value: '0 1 587 mail.provider.example' },
    ]);
    expect(records).toContainEqual({
      Type: 'CNAME',
      Hostname: 'autodiscover.srv.example',
      Value: 'autodiscover.mail.eu-west-1.awsapps.com',
    });
    expect(records.map((record) => record.Hostname)).not.toContain('autoconfig.srv.example');
  });

  it('points autoconfig and autodiscover at the autoconfiguration host when the deployment names one', async () => {
    const records = await recordsOf({
      settings: { mailAccess: { ...MAIL_ACCESS, autoconfigHostName: 'setup.provider.example' } },
    });

    const cnames = records.filter((record) => /^auto/.test(record.Hostname));
    expect(cnames).toEqual([
      { Type: 'CNAME', Hostname: 'autodiscover.srv.example', Value: 'setup.provider.example' },
      { Type: 'CNAME', Hostname: 'autoconfig.srv.example', Value: 'setup.provider.example' },
    ]);
  });

  it('lists no SRV record when the deployment offers no IMAP or submission', async () => {
    const records = await recordsOf({});

    expect(records.map((record) => record.Type)).not.toContain('SRV');
  });
});

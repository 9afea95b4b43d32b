import { checkCutover, cutoverRecords, type DnsLookup } from '../../../lambdas/core/migration';
import { RecordingApi } from './doubles';

const workmailRecords = [
  { Type: 'MX', Hostname: 'acme.example.', Value: '10 inbound-smtp.eu-west-1.amazonaws.com.' },
  {
    Type: 'CNAME',
    Hostname: 'autodiscover.acme.example.',
    Value: 'autodiscover.mail.eu-west-1.awsapps.com.',
  },
];
const mailwrightRecords = [
  { Type: 'MX', Hostname: 'acme.example', Value: '10 inbound-smtp.us-east-1.amazonaws.com' },
  { Type: 'CNAME', Hostname: 'autodiscover.acme.example', Value: 'mail.acme.example' },
  { Type: 'TXT', Hostname: 'acme.example', Value: 'v=spf1 include:amazonses.com ~all' },
];

describe('cutoverRecords and checkCutover', () => {
  const sides = () => ({
    source: new RecordingApi({
      GetMailDomain: (input) =>
        input.DomainName === 'acme.awsapps.com' ? { IsTestDomain: true } : { Records: workmailRecords },
    }),
    sourceOrganizationId: 'm-source',
    target: new RecordingApi({ GetMailDomain: () => ({ Records: mailwrightRecords }) }),
    targetOrganizationId: 'm-target',
  });

  it("lists the target's records per domain with the source records they replace, and skips test domains", async () => {
    const records = await cutoverRecords(sides(), ['acme.example', 'acme.awsapps.com']);

    expect(records).toEqual([
      {
        domain: 'acme.example',
        type: 'MX',
        hostname: 'acme.example',
        value: '10 inbound-smtp.us-east-1.amazonaws.com',
        replaces: '10 inbound-smtp.eu-west-1.amazonaws.com.',
      },
      {
        domain: 'acme.example',
        type: 'CNAME',
        hostname: 'autodiscover.acme.example',
        value: 'mail.acme.example',
        replaces: 'autodiscover.mail.eu-west-1.awsapps.com.',
      },
      {
        domain: 'acme.example',
        type: 'TXT',
        hostname: 'acme.example',
        value: 'v=spf1 include:amazonses.com ~all',
      },
    ]);
  });

  it('tells published records from those still at the source, missing or different', async () => {
    const records = await cutoverRecords(sides(), ['acme.example']);
    const dns: DnsLookup = {
      resolve: async (_name, type) =>
        type === 'MX'
          ? ['10 INBOUND-SMTP.us-east-1.amazonaws.com.']
          : type === 'CNAME'
            ? ['autodiscover.mail.eu-west-1.awsapps.com']
            : ['v=spf1 include:_spf.google.com ~all'],
    };

    const statuses = await checkCutover(records, dns);

    expect(statuses.map(({ record, status }) => `${record.type} ${status}`)).toEqual([
      'MX published',
      'CNAME still-source',
      'TXT different',
    ]);
    expect(await checkCutover(records.slice(0, 1), { resolve: async () => [] })).toEqual([
      { record: records[0], status: 'missing' },
    ]);
  });
});

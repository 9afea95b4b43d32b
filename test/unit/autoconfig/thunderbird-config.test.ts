import { thunderbirdConfig } from '../../../lambdas/core/autoconfig';
import { ACCOUNT, HOSTILE, parseXml } from './fixtures';

type Server = Record<string, string>;
type ClientConfig = {
  clientConfig: {
    '@_version': string;
    emailProvider: {
      '@_id': string;
      domain: string;
      incomingServer: Server[];
      outgoingServer: Server[];
    };
  };
};

describe('thunderbirdConfig', () => {
  it('lists IMAP over SSL then STARTTLS, and SMTP over SSL then STARTTLS, with the address as user name', () => {
    // Act
    const config = parseXml(thunderbirdConfig(ACCOUNT)) as ClientConfig;

    // Assess
    expect(config.clientConfig['@_version']).toBe('1.1');
    const provider = config.clientConfig.emailProvider;
    expect(provider['@_id']).toBe('example.com');
    expect(provider.domain).toBe('example.com');
    const expected = (type: string, port: string, socketType: string) => ({
      '@_type': type,
      hostname: 'mail.example.net',
      port,
      socketType,
      username: '%EMAILADDRESS%',
      authentication: 'password-cleartext',
    });
    expect(provider.incomingServer).toEqual([
      expected('imap', '993', 'SSL'),
      expected('imap', '143', 'STARTTLS'),
    ]);
    expect(provider.outgoingServer).toEqual([
      expected('smtp', '465', 'SSL'),
      expected('smtp', '587', 'STARTTLS'),
    ]);
  });

  it('escapes a hostile domain and host name so that they stay text', () => {
    // Act
    const config = parseXml(thunderbirdConfig(HOSTILE)) as ClientConfig;

    // Assess
    const provider = config.clientConfig.emailProvider;
    expect(provider['@_id']).toBe('ex<ample>&.com');
    expect(provider.domain).toBe('ex<ample>&.com');
    expect(provider.incomingServer[0]!.hostname).toBe('mail"</hostname><x>&amp;');
    expect(provider.incomingServer).toHaveLength(2);
  });
});

import {
  CONFIG_ENV,
  ConfigurationError,
  loadConfig,
  metricsNamespaceProblem,
} from '../../../lambdas/handlers/config';

const complete = {
  AWS_REGION: 'eu-west-1',
  MAILWRIGHT_ACCOUNT_ID: '123456789012',
  MAILWRIGHT_DIRECTORY_TABLE: 'dir',
  MAILWRIGHT_MAILBOX_TABLE: 'mbx',
  MAILWRIGHT_KEY_TABLE: 'keys',
  MAILWRIGHT_INBOUND_BUCKET: 'in',
  MAILWRIGHT_STORE_BUCKET: 'store',
  MAILWRIGHT_EXPORTS_BUCKET: 'exp',
  MAILWRIGHT_DEFAULT_KEY_ARN: 'arn:aws:kms:eu-west-1:123456789012:key/k',
  MAILWRIGHT_TEST_DOMAIN_SUFFIX: 'mail.example.net',
};

describe('Handler config: loadConfig', () => {
  it('reads every variable and derives the SES inbound MX host', () => {
    const config = loadConfig({
      ...complete,
      MAILWRIGHT_QUOTAS: '{"usersPerOrganization":5}',
      MAILWRIGHT_API_BASE_PATH: '/v1',
    });
    expect(config).toMatchObject({
      directoryTable: 'dir',
      inboundMxHost: 'inbound-smtp.eu-west-1.amazonaws.com',
      apiBasePath: '/v1',
      quotas: expect.objectContaining({ usersPerOrganization: 5 }),
    });
    expect(config.bootstrapAdminSecret).toBeUndefined();
  });

  it.each(Object.keys(complete))('names the missing variable %s', (name) => {
    const env: Record<string, string | undefined> = { ...complete, [name]: undefined };
    expect(() => loadConfig(env)).toThrow(
      new ConfigurationError(`Environment variable ${name} is not set`, name),
    );
  });

  it('reads the metrics namespace, defaulting to WorkMail', () => {
    expect(loadConfig(complete).metricsNamespace).toBe('WorkMail');
    expect(loadConfig({ ...complete, MAILWRIGHT_METRICS_NAMESPACE: 'Mail/Prod #1' }).metricsNamespace).toBe(
      'Mail/Prod #1',
    );
  });

  it.each([
    ['AWS/WorkMail', 'namespaces starting with AWS/ are reserved for AWS services'],
    ['a'.repeat(256), 'a namespace is 1 to 255 letters, digits, spaces and . - _ / # :'],
    ['Work*Mail', 'a namespace is 1 to 255 letters, digits, spaces and . - _ / # :'],
  ])('refuses the metrics namespace %s', (namespace, problem) => {
    expect(metricsNamespaceProblem(namespace)).toBe(problem);
    expect(() => loadConfig({ ...complete, MAILWRIGHT_METRICS_NAMESPACE: namespace })).toThrow(
      new ConfigurationError(`MAILWRIGHT_METRICS_NAMESPACE: ${problem}`, 'MAILWRIGHT_METRICS_NAMESPACE'),
    );
  });

  it('reads the function timeout, defaulting to the Lambda maximum of 900 seconds', () => {
    expect(
      loadConfig({ ...complete, [CONFIG_ENV.functionTimeoutSeconds]: '300' }).functionTimeoutSeconds,
    ).toBe(300);
    expect(loadConfig(complete).functionTimeoutSeconds).toBe(900);
  });

  it.each(['0', '901', '2.5', 'five'])('rejects the function timeout %s with the accepted range', (value) => {
    expect(() => loadConfig({ ...complete, [CONFIG_ENV.functionTimeoutSeconds]: value })).toThrow(
      new ConfigurationError(
        `MAILWRIGHT_FUNCTION_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 900, got '${value}'`,
        CONFIG_ENV.functionTimeoutSeconds,
      ),
    );
  });

  it('reads the SES configuration set of sends, none when unset', () => {
    expect(
      loadConfig({ ...complete, MAILWRIGHT_SES_CONFIGURATION_SET: 'mailwright-sends' }).sesConfigurationSet,
    ).toBe('mailwright-sends');
    expect(loadConfig(complete).sesConfigurationSet).toBeUndefined();
  });

  it('rejects malformed quota JSON', () => {
    expect(() => loadConfig({ ...complete, [CONFIG_ENV.quotas]: '{' })).toThrow(
      /MAILWRIGHT_QUOTAS is not valid JSON/,
    );
  });

  it('reads the mail access endpoints, none when unset', () => {
    const access = {
      hostName: 'mail.example.net',
      imapPort: 143,
      imapTlsPort: 993,
      submissionPort: 587,
      submissionTlsPort: 465,
    };
    expect(
      loadConfig({ ...complete, MAILWRIGHT_MAIL_ACCESS: JSON.stringify({ ...access, extra: 1 }) }).mailAccess,
    ).toEqual(access);
    expect(loadConfig(complete).mailAccess).toBeUndefined();
  });

  it('rejects mail access settings that lack a port or name a malformed host', () => {
    const access = { hostName: 'mail.example.net', imapPort: 143, imapTlsPort: 993, submissionPort: 587 };
    for (const value of [
      '{',
      JSON.stringify(access),
      JSON.stringify({ ...access, submissionTlsPort: 465, hostName: 'a b' }),
      JSON.stringify({ ...access, submissionTlsPort: 70000 }),
    ])
      expect(() => loadConfig({ ...complete, [CONFIG_ENV.mailAccess]: value })).toThrow(ConfigurationError);
  });

  it('reads the admin sign-in settings, none when unset, and names the variable when they cannot be used', () => {
    const settings = {
      issuer: 'https://idp.example.com',
      clientId: 'console',
      grants: [{ group: 'mail-admins', allOrganizations: true }],
    };

    expect(
      loadConfig({ ...complete, MAILWRIGHT_ADMIN_SIGN_IN: JSON.stringify(settings) }).adminSignIn,
    ).toEqual({
      issuer: { issuer: 'https://idp.example.com', clientId: 'console' },
      grants: [{ group: 'mail-admins', organizations: '*' }],
      keyLifetimeMinutes: 60,
    });
    expect(loadConfig(complete).adminSignIn).toBeUndefined();
    for (const value of ['{', JSON.stringify({ ...settings, grants: [] })])
      expect(() => loadConfig({ ...complete, [CONFIG_ENV.adminSignIn]: value })).toThrow(
        /^MAILWRIGHT_ADMIN_SIGN_IN: /,
      );
  });
});

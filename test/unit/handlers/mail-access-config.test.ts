import { ConfigurationError } from '../../../lambdas/handlers/config';
import { loadMailAccessTls } from '../../../lambdas/handlers/mail-access-config';

const KEY = '-----BEGIN PRIVATE KEY-----\nMC4CAQ\n-----END PRIVATE KEY-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const noFiles = (path: string): Promise<string> => Promise.reject(new Error(`unexpected read of ${path}`));

describe('Config: loadMailAccessTls', () => {
  it('takes the key and certificate from the variables ECS fills from the TLS secret', async () => {
    const tls = await loadMailAccessTls({ MAILWRIGHT_TLS_KEY: KEY, MAILWRIGHT_TLS_CERT: CERT }, noFiles);

    expect(tls).toEqual({ key: KEY, cert: CERT });
  });

  it('reads them from the files the _FILE variables name', async () => {
    const files: Record<string, string> = { '/run/secrets/key.pem': KEY, '/run/secrets/cert.pem': CERT };
    const tls = await loadMailAccessTls(
      { MAILWRIGHT_TLS_KEY_FILE: '/run/secrets/key.pem', MAILWRIGHT_TLS_CERT_FILE: '/run/secrets/cert.pem' },
      (path) => Promise.resolve(files[path] ?? ''),
    );

    expect(tls).toEqual({ key: KEY, cert: CERT });
  });

  it('names the missing variable', async () => {
    await expect(loadMailAccessTls({ MAILWRIGHT_TLS_KEY: KEY }, noFiles)).rejects.toMatchObject({
      name: 'ConfigurationError',
      variable: 'MAILWRIGHT_TLS_CERT',
    });
  });

  it('refuses a value that is not PEM without echoing it', async () => {
    const secret = 'not-a-pem-but-a-secret';
    const loading = loadMailAccessTls({ MAILWRIGHT_TLS_KEY: secret, MAILWRIGHT_TLS_CERT: CERT }, noFiles);

    await expect(loading).rejects.toBeInstanceOf(ConfigurationError);
    await expect(loading).rejects.toThrow(/MAILWRIGHT_TLS_KEY is not PEM/);
    await expect(loading).rejects.not.toThrow(secret);
  });

  it('refuses a certificate in the key variable', async () => {
    await expect(
      loadMailAccessTls({ MAILWRIGHT_TLS_KEY: CERT, MAILWRIGHT_TLS_CERT: CERT }, noFiles),
    ).rejects.toMatchObject({ variable: 'MAILWRIGHT_TLS_KEY' });
  });
});

import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localTlsCertificate } from '../../../lambdas/local/tls-certificate';

describe('localTlsCertificate', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mw-tls-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('creates a server certificate for localhost, 127.0.0.1 and the mail host, with a matching key', async () => {
    const { key, cert } = await localTlsCertificate(undefined, ['mail.example.test']);

    const certificate = new X509Certificate(cert);
    expect(certificate.checkHost('localhost')).toBe('localhost');
    expect(certificate.checkHost('mail.example.test')).toBe('mail.example.test');
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(certificate.checkHost('other.example.test')).toBeUndefined();
    expect(certificate.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth
    const days = (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / 86_400_000;
    expect(days).toBeLessThanOrEqual(825);
  });

  it('writes the key (0600) and certificate under <data>/tls and reuses them on the next start', async () => {
    const first = await localTlsCertificate(dataDir, ['mail.example.test']);

    const again = await localTlsCertificate(dataDir, ['mail.example.test']);

    expect(again).toEqual(first);
    expect(await readFile(join(dataDir, 'tls', 'cert.pem'), 'utf8')).toBe(first.cert);
    expect(await readFile(join(dataDir, 'tls', 'key.pem'), 'utf8')).toBe(first.key);
    expect((await stat(join(dataDir, 'tls', 'key.pem'))).mode & 0o777).toBe(0o600);
  });

  it('gives concurrent callers of one data directory the same certificate', async () => {
    const [imap, submission] = await Promise.all([
      localTlsCertificate(dataDir, ['mail.example.test']),
      localTlsCertificate(dataDir, ['mail.example.test']),
    ]);

    expect(submission).toEqual(imap);
  });

  it('replaces a stored certificate that lacks a host name now asked for', async () => {
    const first = await localTlsCertificate(dataDir, ['mail.example.test']);

    const renamed = await localTlsCertificate(dataDir, ['mail.other.test']);

    expect(renamed.cert).not.toBe(first.cert);
    expect(new X509Certificate(renamed.cert).checkHost('mail.other.test')).toBe('mail.other.test');
  });

  it('replaces a key file that does not match the certificate', async () => {
    const first = await localTlsCertificate(dataDir, []);
    const other = await localTlsCertificate(undefined, []);
    await writeFile(join(dataDir, 'tls', 'key.pem'), other.key);

    const repaired = await localTlsCertificate(dataDir, []);

    expect(repaired.cert).not.toBe(first.cert);
    expect(new X509Certificate(repaired.cert).checkPrivateKey(createPrivateKey(repaired.key))).toBe(true);
  });
});

import { X509Certificate, createPrivateKey, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** A TLS server certificate and its private key, PEM-encoded, as `node:tls` takes them. */
export interface TlsCertificate {
  readonly key: string;
  readonly cert: string;
}

/** Apple's clients refuse TLS server certificates valid longer than 825 days, even self-signed ones. */
const VALIDITY_DAYS = 825;
/** A stored certificate this close to its end is replaced at start. */
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;
/** Names every local certificate holds, besides the ones the runtime asks for. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1'];

/** Callers in this process waiting for the same directory's certificate share one read-or-create. */
const pending = new Map<string, Promise<TlsCertificate>>();

/**
 * The self-signed certificate of the local runtime's TLS listeners (SMTP submission, IMAP), for `localhost`,
 * `127.0.0.1` and `hostNames` (DNS names or IP addresses). With a data directory it is created once into
 * `<data>/tls/key.pem` (0600) and `cert.pem` and reused on later starts; it is created again when those files are
 * missing or do not match, when it ends within 30 days, or when it lacks one of the names. Without a data directory
 * (`--memory`) it lives in memory only.
 * @param dataDir - the runtime's data directory, or undefined for `--memory`
 * @param hostNames - more names clients use to reach the runtime (its mail host)
 * @example
 * const { key, cert } = await localTlsCertificate('.mailwright', ['mail.mailwright.localhost']);
 */
export async function localTlsCertificate(
  dataDir: string | undefined,
  hostNames: readonly string[],
): Promise<TlsCertificate> {
  const names = [...new Set([...LOOPBACK_NAMES, ...hostNames].map((name) => name.toLowerCase()))];
  if (dataDir === undefined) return createCertificate(names);
  const directory = join(dataDir, 'tls');
  const running = pending.get(directory);
  if (running) return running;
  const loading = readOrCreate(directory, names).finally(() => pending.delete(directory));
  pending.set(directory, loading);
  return loading;
}

async function readOrCreate(directory: string, names: readonly string[]): Promise<TlsCertificate> {
  const stored = await readStored(directory);
  if (stored && usable(stored, names)) return stored;
  const created = await createCertificate(names);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  // Written beside and renamed into place, so a reader never sees half a file.
  await replaceFile(join(directory, 'key.pem'), created.key, 0o600);
  await replaceFile(join(directory, 'cert.pem'), created.cert, 0o644);
  return created;
}

async function readStored(directory: string): Promise<TlsCertificate | undefined> {
  try {
    const [key, cert] = await Promise.all([
      readFile(join(directory, 'key.pem'), 'utf8'),
      readFile(join(directory, 'cert.pem'), 'utf8'),
    ]);
    return { key, cert };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Whether a stored pair is whole, matching, valid for a while yet, and names every host. */
function usable(stored: TlsCertificate, names: readonly string[]): boolean {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(stored.cert);
    if (!certificate.checkPrivateKey(createPrivateKey(stored.key))) return false;
  } catch {
    return false; // unreadable PEM: replaced below, like a missing file
  }
  if (Date.parse(certificate.validTo) - Date.now() < RENEW_BEFORE_MS) return false;
  return names.every((name) =>
    isIP(name) ? certificate.checkIP(name) !== undefined : certificate.checkHost(name) !== undefined,
  );
}

async function createCertificate(names: readonly string[]): Promise<TlsCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + VALIDITY_DAYS * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: names[0] }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: names.map((name) =>
          isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
        ),
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

async function replaceFile(filePath: string, text: string, mode: number): Promise<void> {
  const temporary = `${filePath}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, text, { mode, flag: 'wx' });
  await rename(temporary, filePath);
}

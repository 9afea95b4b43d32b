import { connect } from 'node:tls';

/**
 * The certificate a TLS server presents, as PEM: what a client told to trust exactly this certificate (mbsync's
 * `CertificateFile`, mutt's `certificate_file`) needs from a runtime whose self-signed certificate lives in memory.
 * @param host - the server
 * @param port - a port that speaks TLS from the start
 * @example
 * await writeFile(certificateFile, await presentedCertificate(mw.imap.host, mw.imap.tlsPort));
 */
export async function presentedCertificate(host: string, port: number): Promise<string> {
  const socket = connect({ host, port, rejectUnauthorized: false });
  try {
    await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    const lines =
      socket
        .getPeerCertificate()
        .raw.toString('base64')
        .match(/.{1,64}/g) ?? [];
    return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
  } finally {
    socket.destroy();
  }
}

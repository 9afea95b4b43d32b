import { createServer as createHttpsServer } from 'node:https';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpsEwsTransport, MAX_EWS_RESPONSE_BYTES } from '../../lambdas/adapters/aws/https-ews-transport';
import { EwsUnreachableError } from '../../lambdas/core/availability/errors';
import { localTlsCertificate } from '../../lambdas/local/tls-certificate';

const credentials = { username: 'CORP\\svc', password: 'pässword' };

async function listen(server: Server | ReturnType<typeof createHttpsServer>) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('HttpsEwsTransport', () => {
  const seen: Array<{ authorization?: string; contentType?: string; body: string }> = [];
  let plain: Server;
  let port: number;

  beforeAll(async () => {
    plain = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body: Buffer.concat(chunks).toString(),
        });
        if (req.url === '/redirect') res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
        else if (req.url === '/huge')
          res.writeHead(200).end(Buffer.alloc(MAX_EWS_RESPONSE_BYTES + 1_000_000, 'a'));
        else if (req.url === '/slow') setTimeout(() => res.end('late'), 400);
        else res.writeHead(200).end('<Envelope/>');
      });
    });
    port = await listen(plain);
  });

  afterAll(async () => {
    plain.closeAllConnections();
    await new Promise<void>((resolve) => plain.close(() => resolve()));
  });

  it('posts the SOAP body with Basic credentials (Latin-1) to a loopback http endpoint when allowed', async () => {
    const answer = await new HttpsEwsTransport({ allowLoopbackHttp: true }).post(
      `http://127.0.0.1:${port}/EWS/Exchange.asmx`,
      credentials,
      '<soap/>',
      2_000,
    );
    expect(answer).toEqual({ status: 200, body: '<Envelope/>' });
    expect(seen.at(-1)).toEqual({
      authorization: `Basic ${Buffer.from('CORP\\svc:pässword', 'latin1').toString('base64')}`,
      contentType: 'text/xml; charset=utf-8',
      body: '<soap/>',
    });
  });

  it('refuses plain http by default, and to a host that is not loopback even when loopback is allowed', async () => {
    const count = seen.length;
    await expect(
      new HttpsEwsTransport().post(
        `http://127.0.0.1:${port}/EWS/Exchange.asmx`,
        credentials,
        '<soap/>',
        2_000,
      ),
    ).rejects.toBeInstanceOf(EwsUnreachableError);
    await expect(
      new HttpsEwsTransport({ allowLoopbackHttp: true }).post(
        'http://ews.example/EWS',
        credentials,
        '<soap/>',
        2_000,
      ),
    ).rejects.toThrow('HTTPS only');
    expect(seen.length).toBe(count);
  });

  it('does not follow redirects (the credentials stay with the configured host)', async () => {
    const answer = await new HttpsEwsTransport({ allowLoopbackHttp: true }).post(
      `http://127.0.0.1:${port}/redirect`,
      credentials,
      '<soap/>',
      2_000,
    );
    expect(answer.status).toBe(302);
  });

  it('reads at most 16 MiB of an answer', async () => {
    const answer = await new HttpsEwsTransport({ allowLoopbackHttp: true }).post(
      `http://127.0.0.1:${port}/huge`,
      credentials,
      '<soap/>',
      5_000,
    );
    expect(MAX_EWS_RESPONSE_BYTES).toBe(16 * 1024 * 1024);
    expect(answer.body.length).toBe(MAX_EWS_RESPONSE_BYTES);
  });

  it('gives up after the deadline with a timed-out error', async () => {
    const failure = await new HttpsEwsTransport({ allowLoopbackHttp: true })
      .post(`http://127.0.0.1:${port}/slow`, credentials, '<soap/>', 100)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EwsUnreachableError);
    expect((failure as EwsUnreachableError).timedOut).toBe(true);
  });

  it('refuses an HTTPS endpoint whose certificate is self-signed', async () => {
    const { key, cert } = await localTlsCertificate(undefined, []);
    const tls = createHttpsServer({ key, cert }, (_, res) => res.end('<Envelope/>'));
    const tlsPort = await listen(tls);
    try {
      const failure = await new HttpsEwsTransport()
        .post(`https://127.0.0.1:${tlsPort}/EWS/Exchange.asmx`, credentials, '<soap/>', 2_000)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(EwsUnreachableError);
      expect((failure as EwsUnreachableError).timedOut).toBe(false);
    } finally {
      tls.closeAllConnections();
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });
});

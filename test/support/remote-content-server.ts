import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { localTlsCertificate } from '../../lambdas/local/tls-certificate';

/** An HTTPS server on loopback standing in for the senders' web servers: it records every path requested. */
export interface RemoteContentServer {
  /** `https://127.0.0.1:<port>` */
  readonly origin: string;
  /** The paths requested so far, in order. */
  readonly requested: string[];
  stop(): Promise<void>;
}

/** Starts a {@link RemoteContentServer}; it answers every request with a 1×1 GIF. */
export async function startRemoteContentServer(): Promise<RemoteContentServer> {
  const { key, cert } = await localTlsCertificate(undefined, []);
  const requested: string[] = [];
  const gif = Buffer.from('R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==', 'base64');
  const server: Server = createServer({ key, cert }, (request, response) => {
    requested.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/gif', 'access-control-allow-origin': '*' });
    response.end(gif);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    requested,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

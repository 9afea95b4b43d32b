import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback endpoint standing in for a CAP function; `handle` decides whether and what it answers. */
export async function loopback(handle: (respond: (body: string) => void) => void) {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      handle((body) => res.writeHead(200, { 'content-type': 'application/json' }).end(body)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpHandler, HttpRequest } from '../http/types';

/** Options for {@link startHttpServer}. */
export interface HttpServerOptions {
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** @default '127.0.0.1' (loopback only) */
  readonly host?: string;
  /** Largest request body accepted, in bytes; larger ones get 413. @default 50 MB */
  readonly maxBodyBytes?: number;
}

/** A running local HTTP server. */
export interface HttpServer {
  /** `http://<host>:<port>` */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, closes open (keep-alive) connections and resolves when the server is closed. */
  stop(): Promise<void>;
}

/**
 * Serves an {@link HttpHandler} with node:http, the local twin of API Gateway + the API Lambda.
 * @param handler - e.g. the result of createHttpApi
 * @example
 * const server = await startHttpServer(createHttpApi(deps), { port: 8080 });
 * console.log(server.url);
 */
export async function startHttpServer(handler: HttpHandler, options: HttpServerOptions): Promise<HttpServer> {
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? 50 * 1024 * 1024;
  const server = createServer((req, res) => {
    serve(handler, req, res, maxBodyBytes).catch((error: unknown) => {
      console.error(JSON.stringify({ level: 'ERROR', message: 'HTTP server failure', error: String(error) }));
      if (!res.headersSent) res.writeHead(500, failureHeaders('InternalFailure'));
      res.end(JSON.stringify({ __type: 'InternalFailure', Message: 'An internal error occurred.' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(
  handler: HttpHandler,
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
): Promise<void> {
  const body = await readBody(req, maxBodyBytes);
  if (!body) {
    res.writeHead(413, { ...failureHeaders('RequestEntityTooLargeException'), connection: 'close' });
    res.end(
      JSON.stringify({ __type: 'RequestEntityTooLargeException', Message: 'The request body is too large.' }),
    );
    return;
  }
  const response = await handler(toHttpRequest(req, body));
  res.writeHead(response.statusCode, { ...response.headers });
  if (!response.stream) {
    res.end(response.body);
    return;
  }
  res.write(response.body);
  const pieces = response.stream[Symbol.asyncIterator]();
  // A client that goes away ends the stream: the generator's finally blocks run.
  res.once('close', () => void pieces.return?.());
  try {
    for (let piece = await pieces.next(); !piece.done && !res.destroyed; piece = await pieces.next())
      res.write(piece.value);
  } catch (error) {
    // A piece that was being made when the client left (or the server stopped) has nobody to fail for.
    if (!res.destroyed) throw error;
  }
  res.end();
}

/** Reduces a node:http request to an {@link HttpRequest}, keeping the path exactly as sent (SigV4 signs it). */
export function toHttpRequest(req: IncomingMessage, body: Buffer): HttpRequest {
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const query: Record<string, string> = {};
  if (mark >= 0) for (const [name, value] of new URLSearchParams(url.slice(mark + 1))) query[name] = value;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return { method: req.method ?? 'GET', path, query, headers, body, sourceIp: req.socket.remoteAddress };
}

async function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function failureHeaders(errorType: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-amzn-requestid': randomUUID(),
    'x-amzn-errortype': errorType,
  };
}

import { jest } from '@jest/globals';
import { request } from 'node:http';
import { startHttpServer } from '../../../lambdas/local/http-server';

describe('startHttpServer streaming', () => {
  it('ends a stream quietly when its piece fails after the client left', async () => {
    let failPiece!: () => void;
    const pieceFailed = new Promise<void>((resolve) => (failPiece = resolve));
    const errors: unknown[] = [];
    const consoleError = jest.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args));
    async function* stream(): AsyncGenerator<string> {
      yield 'event: ping\n\n';
      await pieceFailed;
      throw new Error('the store stopped');
    }
    const server = await startHttpServer(
      async () => ({
        statusCode: 200,
        headers: { 'content-type': 'text/event-stream' },
        body: '',
        stream: stream(),
      }),
      { port: 0 },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        const client = request(server.url, (response) => {
          response.once('data', () => {
            client.destroy();
            resolve();
          });
        });
        client.on('error', () => undefined);
        client.once('error', reject);
        client.end();
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      failPiece();
      await new Promise((resolve) => setTimeout(resolve, 50));

      expect(errors).toEqual([]);
    } finally {
      consoleError.mockRestore();
      await server.stop();
    }
  });
});

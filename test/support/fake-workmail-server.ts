import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded answer: the status and the JSON body WorkMail sends (awsJson 1.1). */
export interface RecordedAnswer {
  readonly status?: number;
  readonly body: Record<string, unknown>;
}

/** Answers an action: given its input and how many times it was called before. */
export type RecordedResponder = (input: Record<string, unknown>, previousCalls: number) => RecordedAnswer;

/** A local HTTP server speaking WorkMail's awsJson 1.1 from recorded responses. */
export interface FakeWorkMail {
  readonly endpoint: string;
  /** Every call received, in order. */
  readonly calls: { action: string; input: Record<string, unknown> }[];
  close(): Promise<void>;
}

/**
 * Serves recorded WorkMail responses over real HTTP, so that the real SDK parses them (headers, error shapes,
 * timestamps as epoch seconds). An action without a recording is answered `UnknownOperationException`.
 * @example
 * const fake = await startFakeWorkMail({ ListUsers: () => ({ body: { Users: [] } }) });
 */
export async function startFakeWorkMail(
  responses: Readonly<Record<string, RecordedResponder>>,
): Promise<FakeWorkMail> {
  const calls: FakeWorkMail['calls'] = [];
  const counts = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const action = String(request.headers['x-amz-target'] ?? '').replace('WorkMailService.', '');
      const input = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>;
      calls.push({ action, input });
      const previous = counts.get(action) ?? 0;
      counts.set(action, previous + 1);
      const responder = responses[action];
      const answer = responder
        ? responder(input, previous)
        : {
            status: 400,
            body: { __type: 'UnknownOperationException', message: `No recording for ${action}` },
          };
      response.writeHead(answer.status ?? 200, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': `req-${calls.length}`,
      });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaFunctionInvoker } from '../../lambdas/adapters/aws/lambda-function-invoker';
import {
  ModuleFunctionInvoker,
  parseFunctionTargets,
} from '../../lambdas/adapters/local/module-function-invoker';
import { FunctionInvocationError, type FunctionInvoker } from '../../lambdas/core/flow-lambda';

const here = dirname(fileURLToPath(import.meta.url));
const ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:echo';
const ORG = 'm-0123456789abcdef0123456789abcdef';
const OTHER_ORG = 'm-ffffffffffffffffffffffffffffffff';
const servesOrg = (target: string) => ({ target, organizations: [ORG] });
const event = { subject: 'hi', invocationId: 'abc' };
const json = (bytes: Uint8Array | undefined) =>
  JSON.parse(Buffer.from(bytes!).toString()) as Record<string, unknown>;
const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString()));
  });

type Reply = { status: number; headers?: Record<string, string>; body: string; delayMs?: number };

/** A loopback HTTP server answering with `answer(request, body)`. */
async function serve(answer: (req: IncomingMessage, body: string) => Reply) {
  const seen: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server: Server = createServer(async (req, res) => {
    const text = await body(req);
    seen.push({ url: req.url ?? '', headers: req.headers, body: text });
    const reply = answer(req, text);
    setTimeout(() => res.writeHead(reply.status, reply.headers).end(reply.body), reply.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('ModuleFunctionInvoker', () => {
  const targets = parseFunctionTargets(
    {
      functions: {
        [ARN]: servesOrg('./invoker-fixtures/echo.mjs'),
        [`${ARN}-none`]: servesOrg('./invoker-fixtures/no-handler.mjs'),
        [`${ARN}-acme`]: { target: './invoker-fixtures/echo.mjs', organizations: ['Acme'] },
      },
    },
    here,
  );
  const invoker: FunctionInvoker = new ModuleFunctionInvoker(targets);

  it('runs a module handler in process and returns its JSON', async () => {
    const result = json(
      await invoker.invoke(ARN, event, { organizationId: ORG, synchronous: true, timeoutMs: 2000 }),
    );

    expect(result).toEqual({
      actions: [{ action: { type: 'DEFAULT' }, allRecipients: true }],
      invocationId: 'abc',
    });
  });

  it('passes a Lambda-like context', async () => {
    const module = await import('./invoker-fixtures/echo.mjs');
    await invoker.invoke(ARN, event, { organizationId: ORG, synchronous: true, timeoutMs: 2000 });

    expect(module.calls.at(-1)?.context).toMatchObject({ invokedFunctionArn: ARN, functionName: 'echo' });
  });

  it('fails a handler that exceeds the timeout, throws, or is missing', async () => {
    await expect(
      invoker.invoke(ARN, { subject: 'slow' }, { organizationId: ORG, synchronous: true, timeoutMs: 50 }),
    ).rejects.toMatchObject({
      name: 'FunctionInvocationError',
      timedOut: true,
    });
    await expect(
      invoker.invoke(ARN, { subject: 'throw' }, { organizationId: ORG, synchronous: true, timeoutMs: 2000 }),
    ).rejects.toThrow(/handler failed/);
    await expect(
      invoker.invoke(`${ARN}-none`, event, { organizationId: ORG, synchronous: true, timeoutMs: 2000 }),
    ).rejects.toThrow(/exports no handler/);
    await expect(
      invoker.invoke(`${ARN}-unmapped`, event, { organizationId: ORG, synchronous: true, timeoutMs: 2000 }),
    ).rejects.toThrow(FunctionInvocationError);
  });

  it('returns at once for asynchronous calls and reports a later failure', async () => {
    const errors: Error[] = [];
    const asyncInvoker = new ModuleFunctionInvoker(targets, { onAsyncError: (error) => errors.push(error) });

    const started = Date.now();
    const result = await asyncInvoker.invoke(
      ARN,
      { subject: 'slow' },
      { organizationId: ORG, synchronous: false, timeoutMs: 100 },
    );

    expect(result).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(100);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(errors[0]).toMatchObject({ name: 'FunctionInvocationError', timedOut: true });
  });

  it('POSTs the event to a loopback URL target', async () => {
    const endpoint = await serve(() => ({ status: 200, body: '{"actions":[]}' }));
    try {
      const urlInvoker = new ModuleFunctionInvoker(
        parseFunctionTargets({ functions: { [ARN]: servesOrg(`${endpoint.url}/hook`) } }, here),
      );

      const result = json(
        await urlInvoker.invoke(ARN, event, { organizationId: ORG, synchronous: true, timeoutMs: 2000 }),
      );

      expect(result).toEqual({ actions: [] });
      expect(endpoint.seen[0]).toMatchObject({ url: '/hook', body: JSON.stringify(event) });
    } finally {
      await endpoint.close();
    }
  });

  it('refuses non-loopback URLs and malformed configs', () => {
    expect(() =>
      parseFunctionTargets({ functions: { [ARN]: servesOrg('https://example.com/hook') } }, here),
    ).toThrow(/not a loopback URL/);
    expect(() => parseFunctionTargets({ functions: { [ARN]: 3 } }, here)).toThrow(TypeError);
    expect(() => parseFunctionTargets({}, here)).toThrow(/"functions" object/);
  });

  it('refuses a function map entry that names no organization', () => {
    expect(() => parseFunctionTargets({ functions: { [ARN]: './invoker-fixtures/echo.mjs' } }, here)).toThrow(
      /organizations/,
    );
    expect(() =>
      parseFunctionTargets({ functions: { [ARN]: { target: './x.mjs', organizations: [] } } }, here),
    ).toThrow(/organizations/);
  });

  it('invokes a function only for the organizations its entry lists, by id or alias', async () => {
    const module = await import('./invoker-fixtures/echo.mjs');
    const aliased = new ModuleFunctionInvoker(targets, {
      organizationAlias: async (id) => (id === ORG ? 'acme' : 'other'),
    });
    const before = module.calls.length;

    await expect(
      invoker.invoke(ARN, event, { organizationId: OTHER_ORG, synchronous: true, timeoutMs: 2000 }),
    ).rejects.toThrow(FunctionInvocationError);
    await expect(
      aliased.invoke(`${ARN}-acme`, event, { organizationId: OTHER_ORG, synchronous: true, timeoutMs: 2000 }),
    ).rejects.toThrow(FunctionInvocationError);
    expect(module.calls.length).toBe(before);
    await expect(
      aliased.invoke(`${ARN}-acme`, event, { organizationId: ORG, synchronous: true, timeoutMs: 2000 }),
    ).resolves.toBeDefined();
    expect(module.calls.length).toBe(before + 1);
  });
});

/** Answers ListTags (`GET /2017-03-31/tags/<arn>`) with `tags`, and every other request with `answer`. */
const withTags =
  (tags: Record<string, string>, answer: (req: IncomingMessage, body: string) => Reply) =>
  (req: IncomingMessage, text: string): Reply =>
    (req.url ?? '').startsWith('/2017-03-31/tags/')
      ? { status: 200, body: JSON.stringify({ Tags: tags }) }
      : answer(req, text);
const boundToOrg = { 'mailwright:organization': ORG };
const invocations = (seen: { url: string; headers: IncomingMessage['headers']; body: string }[]) =>
  seen.filter((request) => request.url.startsWith('/2015-03-31/functions/'));

describe('LambdaFunctionInvoker', () => {
  const lambdaAt = (url: string) =>
    new LambdaClient({
      endpoint: url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });

  it('invokes RequestResponse for synchronous rules and returns the payload', async () => {
    const lambda = await serve(withTags(boundToOrg, () => ({ status: 200, body: '{"actions":[]}' })));
    try {
      const result = await new LambdaFunctionInvoker(lambdaAt(lambda.url)).invoke(ARN, event, {
        organizationId: ORG,
        synchronous: true,
        timeoutMs: 2000,
      });

      expect(json(result)).toEqual({ actions: [] });
      const [invocation] = invocations(lambda.seen);
      expect(invocation.url).toBe(`/2015-03-31/functions/${encodeURIComponent(ARN)}/invocations`);
      expect(invocation.headers['x-amz-invocation-type']).toBe('RequestResponse');
      expect(JSON.parse(invocation.body)).toEqual(event);
    } finally {
      await lambda.close();
    }
  });

  it('invokes Event for asynchronous rules', async () => {
    const lambda = await serve(withTags(boundToOrg, () => ({ status: 202, body: '' })));
    try {
      const result = await new LambdaFunctionInvoker(lambdaAt(lambda.url)).invoke(ARN, event, {
        organizationId: ORG,
        synchronous: false,
        timeoutMs: 2000,
      });

      expect(result).toBeUndefined();
      expect(invocations(lambda.seen)[0].headers['x-amz-invocation-type']).toBe('Event');
    } finally {
      await lambda.close();
    }
  });

  it('turns function errors, service errors and timeouts into FunctionInvocationError', async () => {
    const lambda = await serve(
      withTags(boundToOrg, (req): Reply => {
        const name = decodeURIComponent(req.url ?? '');
        if (name.includes('crash'))
          return {
            status: 200,
            headers: { 'x-amz-function-error': 'Unhandled' },
            body: '{"errorMessage":"boom"}',
          };
        if (name.includes('missing'))
          return {
            status: 404,
            headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
            body: '{"Message":"no"}',
          };
        return { status: 200, body: '{}', delayMs: 500 };
      }),
    );
    const invoker = new LambdaFunctionInvoker(lambdaAt(lambda.url));
    try {
      await expect(
        invoker.invoke(`${ARN}-crash`, event, { organizationId: ORG, synchronous: true, timeoutMs: 2000 }),
      ).rejects.toThrow(/Unhandled.*boom/);
      await expect(
        invoker.invoke(`${ARN}-missing`, event, { organizationId: ORG, synchronous: true, timeoutMs: 2000 }),
      ).rejects.toThrow(FunctionInvocationError);
      await expect(
        invoker.invoke(`${ARN}-slow`, event, { organizationId: ORG, synchronous: true, timeoutMs: 50 }),
      ).rejects.toMatchObject({ timedOut: true });
    } finally {
      await lambda.close();
    }
  });

  it('invokes only a function tagged for the invoking organization, never one of another', async () => {
    const tagsByFunction: Record<string, Record<string, string>> = {
      'other-org': { 'mailwright:organization': OTHER_ORG },
      untagged: {},
    };
    const lambda = await serve((req): Reply => {
      const url = decodeURIComponent(req.url ?? '');
      if (url.startsWith('/2017-03-31/tags/')) {
        const name = url.split(':function:')[1] ?? '';
        return { status: 200, body: JSON.stringify({ Tags: tagsByFunction[name] ?? boundToOrg }) };
      }
      return { status: 200, body: '{}' };
    });
    const invoker = new LambdaFunctionInvoker(lambdaAt(lambda.url));
    const options = { organizationId: ORG, synchronous: true, timeoutMs: 2000 };
    try {
      await expect(invoker.invoke(ARN, event, options)).resolves.toBeDefined();
      for (const name of ['other-org', 'untagged']) {
        const arn = `arn:aws:lambda:eu-west-1:111122223333:function:${name}`;
        await expect(invoker.invoke(arn, event, options)).rejects.toThrow(/not bound to organization/);
      }
      await expect(
        invoker.invoke(`arn:aws:lambda:eu-west-1:111122223333:function:other-org`, event, {
          ...options,
          organizationId: OTHER_ORG,
        }),
      ).resolves.toBeDefined();

      const invoked = invocations(lambda.seen).map((request) => decodeURIComponent(request.url));
      expect(invoked).toHaveLength(2);
      expect(invoked.filter((url) => url.includes('untagged'))).toEqual([]);
    } finally {
      await lambda.close();
    }
  });

  it('reads the tags of the function itself for a qualified ARN, once a minute at most', async () => {
    const lambda = await serve(withTags(boundToOrg, () => ({ status: 200, body: '{}' })));
    let time = 1_700_000_000_000;
    const invoker = new LambdaFunctionInvoker(lambdaAt(lambda.url), { now: () => time });
    const options = { organizationId: ORG, synchronous: true, timeoutMs: 2000 };
    const tagReads = () => lambda.seen.filter((request) => request.url.startsWith('/2017-03-31/tags/'));
    try {
      await invoker.invoke(`${ARN}:live`, event, options);
      await invoker.invoke(ARN, event, options);
      time += 60_000;
      await invoker.invoke(ARN, event, options);

      expect(tagReads().map((request) => decodeURIComponent(request.url))).toEqual([
        `/2017-03-31/tags/${ARN}`,
        `/2017-03-31/tags/${ARN}`,
      ]);
    } finally {
      await lambda.close();
    }
  });
});

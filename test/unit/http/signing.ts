import { Hash } from '@smithy/hash-node';
import { HttpRequest as SignableRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '../../../lambdas/http/types';

/** What {@link signRequest} signs. */
export interface RequestToSign {
  readonly method?: string;
  readonly path?: string;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly accessKeyId: string;
  readonly secret: string;
  readonly date?: Date;
  readonly service?: string;
  readonly region?: string;
  /** Headers sent but left out of the signature (SignedHeaders), as a careless or hostile client would. */
  readonly unsigned?: readonly string[];
}

/** Signs a request the way the AWS SDK does (SigV4, lower-case headers), for the verifier's tests. */
export async function signRequest(input: RequestToSign): Promise<HttpRequest> {
  const signer = new SignatureV4({
    service: input.service ?? 'workmail',
    region: input.region ?? 'us-east-1',
    sha256: Hash.bind(null, 'sha256'),
    credentials: { accessKeyId: input.accessKeyId, secretAccessKey: input.secret },
  });
  const body = input.body ?? '';
  const signed = await signer.sign(
    new SignableRequest({
      method: input.method ?? 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 8080,
      path: input.path ?? '/',
      query: input.query ?? {},
      headers: { host: '127.0.0.1:8080', 'content-type': 'application/x-amz-json-1.1', ...input.headers },
      body,
    }),
    { signingDate: input.date ?? new Date(), unsignableHeaders: new Set(input.unsigned ?? []) },
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = String(value);
  return {
    method: signed.method,
    path: signed.path,
    query: input.query ?? {},
    headers,
    body: Buffer.from(body),
  };
}

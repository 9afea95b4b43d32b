import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { canonicalContext } from '../../lambdas/core/crypto/context';

type Context = Record<string, string>;

/** One request the fake KMS received (for assertions on key ids and encryption contexts). */
export interface FakeKmsRequest {
  readonly operation: string;
  readonly keyId?: string;
  readonly encryptionContext: Context;
}

class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/**
 * A loopback stand-in for AWS KMS speaking the JSON 1.1 subset TrentService.Encrypt/Decrypt/GenerateDataKey.
 * Symmetric keys are AES-256-GCM keys in memory; the encryption context is bound as AAD (order-independent), so
 * a Decrypt with another context fails with InvalidCiphertextException, as in KMS.
 * @example
 * const kms = await FakeKms.start();
 * const client = new KMSClient({ endpoint: kms.endpoint, region: 'eu-west-1' });
 */
export class FakeKms {
  readonly calls: Record<'Encrypt' | 'Decrypt' | 'GenerateDataKey', number> = {
    Encrypt: 0,
    Decrypt: 0,
    GenerateDataKey: 0,
  };
  readonly requests: FakeKmsRequest[] = [];
  private readonly keys = new Map<string, { key: Buffer; enabled: boolean }>();

  private constructor(
    readonly endpoint: string,
    private readonly close: () => Promise<void>,
    readonly region: string,
  ) {}

  /** Starts the server on a free loopback port. */
  static async start(region = 'eu-west-1'): Promise<FakeKms> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const instance = new FakeKms(
      `http://127.0.0.1:${port}`,
      () => new Promise((resolve) => server.close(() => resolve())),
      region,
    );
    server.on('request', (request, response) => void instance.handle(request, response));
    return instance;
  }

  /** Creates an enabled symmetric key and returns its ARN. */
  createKey(): string {
    const arn = `arn:aws:kms:${this.region}:111122223333:key/${randomUUID()}`;
    this.keys.set(arn, { key: randomBytes(32), enabled: true });
    return arn;
  }

  /** Disables a key: every later use fails with DisabledException. */
  disableKey(arn: string): void {
    this.keys.get(arn)!.enabled = false;
  }

  /** Total calls of every operation. */
  get totalCalls(): number {
    return this.calls.Encrypt + this.calls.Decrypt + this.calls.GenerateDataKey;
  }

  stop(): Promise<void> {
    return this.close();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const operation = String(request.headers['x-amz-target'] ?? '').replace('TrentService.', '');
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const context = (body.EncryptionContext as Context | undefined) ?? {};
      this.requests.push({ operation, keyId: body.KeyId as string | undefined, encryptionContext: context });
      const result = this.dispatch(operation, body, context);
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(result));
    } catch (error) {
      const type = error instanceof KmsError ? error.type : 'KMSInternalException';
      response
        .writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type })
        .end(JSON.stringify({ __type: type, message: (error as Error).message }));
    }
  }

  private dispatch(
    operation: string,
    body: Record<string, unknown>,
    context: Context,
  ): Record<string, unknown> {
    switch (operation) {
      case 'Encrypt': {
        this.calls.Encrypt++;
        const keyId = String(body.KeyId);
        const blob = this.seal(keyId, Buffer.from(String(body.Plaintext), 'base64'), context);
        return {
          CiphertextBlob: blob.toString('base64'),
          KeyId: keyId,
          EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
        };
      }
      case 'GenerateDataKey': {
        this.calls.GenerateDataKey++;
        const keyId = String(body.KeyId);
        const plaintext = randomBytes(Number(body.NumberOfBytes ?? (body.KeySpec === 'AES_128' ? 16 : 32)));
        const blob = this.seal(keyId, plaintext, context);
        return {
          CiphertextBlob: blob.toString('base64'),
          Plaintext: plaintext.toString('base64'),
          KeyId: keyId,
        };
      }
      case 'Decrypt': {
        this.calls.Decrypt++;
        const { keyId, plaintext } = this.open(Buffer.from(String(body.CiphertextBlob), 'base64'), context);
        return {
          Plaintext: plaintext.toString('base64'),
          KeyId: keyId,
          EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
        };
      }
      default:
        throw new KmsError('UnsupportedOperationException', `The fake KMS does not implement ${operation}.`);
    }
  }

  private usable(keyId: string): Buffer {
    const entry = this.keys.get(keyId);
    if (!entry) throw new KmsError('NotFoundException', `Key '${keyId}' does not exist`);
    if (!entry.enabled) throw new KmsError('DisabledException', `${keyId} is disabled.`);
    return entry.key;
  }

  private seal(keyId: string, plaintext: Buffer, context: Context): Buffer {
    const key = this.usable(keyId);
    const id = Buffer.from(keyId, 'utf8');
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(
      Buffer.concat([id, canonicalContext(context)]),
    );
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(id.length);
    return Buffer.concat([length, id, nonce, body, cipher.getAuthTag()]);
  }

  private open(blob: Buffer, context: Context): { keyId: string; plaintext: Buffer } {
    const invalid = () => new KmsError('InvalidCiphertextException', '');
    if (blob.length < 2 + 12 + 16) throw invalid();
    const idLength = blob.readUInt16BE(0);
    const keyId = blob.subarray(2, 2 + idLength).toString('utf8');
    const key = this.usable(keyId);
    const rest = blob.subarray(2 + idLength);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, rest.subarray(0, 12));
      decipher.setAAD(Buffer.concat([Buffer.from(keyId, 'utf8'), canonicalContext(context)]));
      decipher.setAuthTag(rest.subarray(rest.length - 16));
      return {
        keyId,
        plaintext: Buffer.concat([decipher.update(rest.subarray(12, rest.length - 16)), decipher.final()]),
      };
    } catch {
      throw invalid();
    }
  }
}

import { randomBytes } from 'node:crypto';
import {
  AlgorithmSuiteIdentifier,
  CommitmentPolicy,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
  buildClient,
} from '@aws-crypto/client-node';
import { decryptContent, encryptContent, sliceBuffer } from '../../lambdas/core/crypto/content-stream';
import {
  generateKey,
  unwrapMessageKey,
  wrapMessageKey,
  type MessageIdentity,
} from '../../lambdas/core/crypto/envelope';
import { MailboxService } from '../../lambdas/core/mailbox/service';
import { CountingKeyWrapper, InMemoryBlobStore, InMemoryMailboxStore } from '../unit/mailbox/doubles';

const MESSAGE_BYTES = 50 * 1024;
const identity: MessageIdentity = {
  organizationId: 'm-bench',
  mailboxId: 'S-1-bench',
  messageId: 'msg',
  keyVersion: 1,
};

/** Encrypt+decrypt of one message with Mailwright's envelope (node:crypto): wrap key, chunked GCM, unwrap. */
async function envelopeRoundTrip(mailboxKey: Buffer, raw: Buffer): Promise<number> {
  const messageKey = generateKey();
  const wrapped = wrapMessageKey(mailboxKey, messageKey, identity);
  const blob: Buffer[] = [];
  for await (const piece of encryptContent(sliceBuffer(raw), messageKey, wrapped, identity)) blob.push(piece);
  const key = unwrapMessageKey(mailboxKey, wrapped, identity);
  let length = 0;
  for await (const piece of decryptContent(blob, key, identity)) length += piece.length;
  return length;
}

type Esdk = ReturnType<typeof buildClient>;

/** The same with the AWS Encryption SDK: raw AES keyring holding the mailbox key, identity as encryption context. */
async function esdkRoundTrip(
  esdk: Esdk,
  keyring: RawAesKeyringNode,
  raw: Buffer,
  suiteId?: number,
): Promise<number> {
  const encryptionContext = {
    org: identity.organizationId,
    mailbox: identity.mailboxId,
    message: identity.messageId,
    v: '1',
  };
  const { result } = await esdk.encrypt(keyring, raw, {
    encryptionContext,
    ...(suiteId ? { suiteId } : {}),
  } as never);
  const { plaintext } = await esdk.decrypt(keyring, result);
  return plaintext.length;
}

/** Runs `fn` for about `ms` milliseconds after a warm-up and returns operations per second. */
async function rate(fn: () => Promise<unknown>, ms = 1500): Promise<number> {
  for (let i = 0; i < 20; i++) await fn();
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < ms) {
    await fn();
    count++;
  }
  return (count * 1000) / (performance.now() - start);
}

/** KeyWrapper (KMS) calls per delivered message once the mailbox key is cached. */
async function kmsCallsPerWarmDelivery(messages: number): Promise<number> {
  const keyWrapper = new CountingKeyWrapper();
  const service = new MailboxService({
    store: new InMemoryMailboxStore(),
    blobs: new InMemoryBlobStore(),
    keyWrapper,
    organizationKey: async () => ({ arn: 'arn:aws:workmail:eu-west-1:111122223333:organization/m-bench' }),
  });
  await service.provision('m-bench', 'S-1-bench');
  const raw = randomBytes(MESSAGE_BYTES);
  const deliver = (messageId: string) =>
    service.deliver({
      organizationId: 'm-bench',
      mailboxId: 'S-1-bench',
      messageId,
      folder: 'INBOX',
      raw,
      receivedAt: 0,
      summary: { subject: 's' },
      quotaBytes: 1e12,
    });
  await deliver('cold');
  const before = keyWrapper.calls.wrap + keyWrapper.calls.unwrap;
  for (let i = 0; i < messages; i++) await deliver(`warm-${i}`);
  return (keyWrapper.calls.wrap + keyWrapper.calls.unwrap - before) / messages;
}

/**
 * Measures encrypt+decrypt of a 50 KB message with Mailwright's node:crypto envelope against the AWS Encryption
 * SDK (raw AES keyring, committing suite with and without ECDSA signatures), and KMS calls per warm delivery.
 * @example
 * console.table(await benchCrypto());
 */
export async function benchCrypto(): Promise<Record<string, number>> {
  const raw = randomBytes(MESSAGE_BYTES);
  const mailboxKey = generateKey();
  const esdk = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
  const keyring = new RawAesKeyringNode({
    keyName: 'mailbox-key-v1',
    keyNamespace: 'mailwright',
    unencryptedMasterKey: new Uint8Array(mailboxKey), // the ESDK wants a buffer that owns its ArrayBuffer
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });
  const envelope = await rate(() => envelopeRoundTrip(mailboxKey, raw));
  const esdkNoSigning = await rate(() =>
    esdkRoundTrip(
      esdk,
      keyring,
      raw,
      AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY,
    ),
  );
  const esdkDefault = await rate(() => esdkRoundTrip(esdk, keyring, raw));
  return {
    'envelope node:crypto enc+dec 50KB /s': Math.round(envelope),
    'ESDK raw AES, commit key, no signing enc+dec 50KB /s': Math.round(esdkNoSigning),
    'ESDK raw AES, default suite (ECDSA P-384) enc+dec 50KB /s': Math.round(esdkDefault),
    'ratio envelope / ESDK no signing': Number((envelope / esdkNoSigning).toFixed(1)),
    'ratio envelope / ESDK default': Number((envelope / esdkDefault).toFixed(1)),
    'KMS calls per delivered message (warm)': await kmsCallsPerWarmDelivery(200),
  };
}

import { InvalidContentLocation, MessageRejected } from '../../../lambdas/core/message-flow';
import type {
  ContentBucketStore,
  ContentLocation,
  ContentSource,
  InFlightChange,
  InFlightMessage,
  InFlightMessageStore,
  PutContentResult,
  RawMessageStore,
} from '../../../lambdas/core/message-flow';

/** In-memory InFlightMessageStore (test double of DynamoDbInFlightMessageStore). */
export class MemoryInFlightMessageStore implements InFlightMessageStore {
  readonly records = new Map<string, InFlightMessage>();
  async create(message: InFlightMessage) {
    if (this.records.has(message.messageId)) throw new Error('exists');
    this.records.set(message.messageId, message);
  }
  async get(messageId: string) {
    return this.records.get(messageId);
  }
  async putContent(messageId: string, location: ContentLocation): Promise<PutContentResult> {
    const record = this.records.get(messageId);
    if (!record) return 'NOT_FOUND';
    if (record.state === 'REDIRECTED') return 'FROZEN';
    const effective = record.state === 'PENDING_SYNC';
    this.records.set(messageId, {
      ...record,
      latest: location,
      ...(effective ? { effective: location } : {}),
    });
    return effective ? 'EFFECTIVE' : 'STORED';
  }
  async update(messageId: string, change: InFlightChange) {
    const record = this.records.get(messageId);
    if (!record) return undefined;
    const { pendingRuleArn: _old, ...rest } = record;
    const next: InFlightMessage = {
      ...rest,
      ...(change.state ? { state: change.state } : {}),
      ...(change.pendingRuleArn === null
        ? {}
        : { pendingRuleArn: change.pendingRuleArn ?? record.pendingRuleArn }),
      ruleArns: change.addRuleArn ? [...record.ruleArns, change.addRuleArn] : record.ruleArns,
    };
    this.records.set(messageId, next);
    return next;
  }
  async listForMailbox(organizationId: string, mailboxId: string) {
    return [...this.records.values()]
      .filter((record) => record.organizationId === organizationId && record.mailboxIds.includes(mailboxId))
      .map((record) => record.messageId);
  }
  async delete(message: InFlightMessage) {
    this.records.delete(message.messageId);
  }
}

/** Objects by `bucket/key`: serves as both our RawMessageStore and the caller's S3 (ContentSource). */
export class MemoryObjects implements RawMessageStore, ContentSource {
  readonly objects = new Map<string, Uint8Array>();
  /** Buckets that behave as if they were in another account or Region. */
  readonly foreignBuckets = new Set<string>();
  /** Every location `read` was asked for (ContentSource), in order. */
  readonly reads: ContentLocation[] = [];
  set(bucket: string, key: string, content: string | Uint8Array) {
    this.objects.set(`${bucket}/${key}`, typeof content === 'string' ? Buffer.from(content) : content);
  }
  async get(location: ContentLocation) {
    const found = this.objects.get(`${location.bucket}/${location.key}`);
    if (!found) throw new Error(`missing ${location.bucket}/${location.key}`);
    return found;
  }
  async putReplacement(organizationId: string, messageId: string, content: Uint8Array) {
    const key = `message-flow/${organizationId}/${messageId}/${this.objects.size}`;
    this.set('store', key, content);
    return { bucket: 'store', key };
  }
  async deleteContent(organizationId: string, messageId: string, original?: ContentLocation) {
    for (const key of this.objects.keys())
      if (key.startsWith(`store/message-flow/${organizationId}/${messageId}/`)) this.objects.delete(key);
    if (original) this.objects.delete(`${original.bucket}/${original.key}`);
  }
  async read(location: ContentLocation, options: { maxBytes: number }) {
    this.reads.push(location);
    const found = this.objects.get(`${location.bucket}/${location.key}`);
    if (!found || this.foreignBuckets.has(location.bucket)) throw new InvalidContentLocation();
    if (found.byteLength > options.maxBytes) throw new MessageRejected('too large');
    return found;
  }
}

/** Allowed content buckets by organization (test double of DynamoDbContentBucketStore). */
export class MemoryContentBuckets implements ContentBucketStore {
  readonly byOrganization = new Map<string, readonly string[]>();
  async allowedBuckets(organizationId: string) {
    return this.byOrganization.get(organizationId) ?? [];
  }
  async replaceAllowedBuckets(organizationId: string, buckets: readonly string[]) {
    this.byOrganization.set(organizationId, buckets);
  }
}

/** A small, valid message. */
export const ORIGINAL_MIME = [
  'Received: from mx.example.com by inbound.mailwright; Sun, 22 Nov 2026 10:00:00 +0000',
  'From: Alice <alice@example.com>',
  'To: bob@org.example',
  'Subject: Quarterly numbers',
  'Date: Sun, 22 Nov 2026 10:00:00 +0000',
  'Message-ID: <abc@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Hello Bob.',
  '--b1--',
  '',
].join('\r\n');

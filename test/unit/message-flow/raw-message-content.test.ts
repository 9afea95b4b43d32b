import { AccessDeniedException } from '../../../lambdas/core/api/errors';
import {
  InvalidContentLocation,
  MessageFrozen,
  ResourceNotFoundException,
  beginSynchronousRule,
  bindAsynchronousRule,
  endSynchronousRule,
  finishInFlightMessage,
  getRawMessageContent,
  putRawMessageContent,
  type MessageFlowCaller,
} from '../../../lambdas/core/message-flow';
import { ORIGINAL_MIME } from './memory-stores';
import { EDITED, ORG, capability, setup } from './message-flow-fixture';

const ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:disclaimer';
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('Message Flow: GetRawMessageContent and PutRawMessageContent', () => {
  it('issues 128-bit random ids in the API format', async () => {
    const { id } = await setup();

    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await setup()).id).not.toBe(id);
  });

  it('returns the raw message', async () => {
    const { deps, id } = await setup();

    expect(text(await getRawMessageContent(deps, id, capability))).toBe(ORIGINAL_MIME);
  });

  it('answers ResourceNotFoundException for unknown, malformed and expired ids', async () => {
    const { deps, id, advance } = await setup();

    await expect(
      getRawMessageContent(deps, '00000000-0000-0000-0000-000000000000', capability),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(getRawMessageContent(deps, 'UPPER-case', capability)).rejects.toThrow(
      ResourceNotFoundException,
    );
    await expect(getRawMessageContent(deps, 'a'.repeat(121), capability)).rejects.toThrow(
      ResourceNotFoundException,
    );
    // 24 hours after receipt, less one millisecond.
    advance(86_400_000 - 1);
    await expect(getRawMessageContent(deps, id, capability)).resolves.toBeDefined();
    advance(1);
    await expect(getRawMessageContent(deps, id, capability)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      statusCode: 404,
    });
    await expect(
      putRawMessageContent(deps, id, { bucket: 'lambda-bucket', key: 'edited' }, capability),
    ).rejects.toThrow(ResourceNotFoundException);
  });

  it('replaces what is delivered while a synchronous rule is pending', async () => {
    const { deps, id } = await setup();
    await beginSynchronousRule(deps, id, ARN);

    const result = await putRawMessageContent(
      deps,
      id,
      { bucket: 'lambda-bucket', key: 'edited' },
      capability,
    );
    const deliver = await endSynchronousRule(deps, id);

    expect(result).toEqual({ effective: true });
    expect(text(await deps.rawMessages.get(deliver!))).toBe(EDITED);
    expect(text(await getRawMessageContent(deps, id, capability))).toBe(EDITED);
  });

  it('stores but does not deliver content put when no synchronous rule is pending', async () => {
    const { deps, id } = await setup();
    await beginSynchronousRule(deps, id, ARN);
    const deliver = await endSynchronousRule(deps, id);
    await finishInFlightMessage(deps, id, 'DELIVERED');

    const result = await putRawMessageContent(
      deps,
      id,
      { bucket: 'lambda-bucket', key: 'edited' },
      capability,
    );

    expect(result).toEqual({ effective: false });
    expect(deliver).toEqual({ bucket: 'inbound', key: 'raw/1' });
    expect(text(await getRawMessageContent(deps, id, capability))).toBe(EDITED);
  });

  it('refuses to update a redirected message', async () => {
    const { deps, id } = await setup();
    await finishInFlightMessage(deps, id, 'REDIRECTED');

    await expect(
      putRawMessageContent(deps, id, { bucket: 'lambda-bucket', key: 'edited' }, capability),
    ).rejects.toThrow(MessageFrozen);
  });

  it('reads nothing outside the organization content buckets, the reserved buckets and prefixes', async () => {
    const { deps, objects, contentBuckets, id } = await setup();
    contentBuckets.byOrganization.set(ORG, ['lambda-bucket', 'inbound']);
    objects.set('other-org-bucket', 'edited', EDITED);
    objects.set('lambda-bucket', 'incoming/abc', EDITED);
    objects.set('lambda-bucket', 'message-flow/m-1/x/y', EDITED);
    objects.set('lambda-bucket', 'a/../edited', EDITED);

    for (const location of [
      { bucket: 'other-org-bucket', key: 'edited' },
      { bucket: 'inbound', key: 'raw/1' },
      { bucket: 'lambda-bucket', key: 'incoming/abc' },
      { bucket: 'lambda-bucket', key: 'message-flow/m-1/x/y' },
      { bucket: 'lambda-bucket', key: 'a/../edited' },
      { bucket: '', key: 'edited' },
      { bucket: 'lambda-bucket', key: '' },
    ]) {
      await expect(putRawMessageContent(deps, id, location, capability)).rejects.toThrow(
        InvalidContentLocation,
      );
    }
    expect(objects.reads).toEqual([]);
  });

  it('answers not allowed, missing, unreadable, too large and invalid content identically', async () => {
    const { deps, objects, contentBuckets, id } = await setup();
    contentBuckets.byOrganization.set(ORG, ['lambda-bucket', 'foreign-bucket']);
    objects.foreignBuckets.add('foreign-bucket');
    objects.set('foreign-bucket', 'edited', EDITED);
    objects.set(
      'lambda-bucket',
      'forged',
      ORIGINAL_MIME.replace('<abc@example.com>', '<forged@example.com>'),
    );
    objects.set('lambda-bucket', 'huge', Buffer.alloc(40 * 1024 * 1024 + 1, 0x61));
    objects.set('other-bucket', 'edited', EDITED);
    const answer = async (bucket: string, key: string) => {
      const error = (await putRawMessageContent(deps, id, { bucket, key }, capability).catch(
        (caught: unknown) => caught,
      )) as InvalidContentLocation;
      return { type: error.constructor, name: error.name, status: error.statusCode, message: error.message };
    };

    const notAllowed = await answer('other-bucket', 'edited');
    const answers = [
      await answer('lambda-bucket', 'missing'),
      await answer('foreign-bucket', 'edited'),
      await answer('lambda-bucket', 'huge'),
      await answer('lambda-bucket', 'forged'),
    ];

    expect(notAllowed).toMatchObject({ type: InvalidContentLocation, status: 400 });
    for (const other of answers) expect(other).toEqual(notAllowed);
  });

  it('lets an infrastructure failure of the read propagate instead of answering as refused content', async () => {
    const { deps, id } = await setup();
    const failing = {
      ...deps,
      contentSource: { read: async () => Promise.reject(new Error('socket hang up')) },
    };

    await expect(
      putRawMessageContent(failing, id, { bucket: 'lambda-bucket', key: 'edited' }, capability),
    ).rejects.toThrow('socket hang up');
  });

  it('logs why content was refused with the bucket, never the key or the content', async () => {
    const { deps, objects, logger, id } = await setup();
    objects.set('lambda-bucket', 'secret-key-5b1e', 'SECRET-CONTENT-5b1e first line\r\n\r\nbody');

    await putRawMessageContent(
      deps,
      id,
      { bucket: 'lambda-bucket', key: 'secret-key-5b1e' },
      capability,
    ).catch(() => undefined);
    await putRawMessageContent(
      deps,
      id,
      { bucket: 'other-bucket', key: 'secret-key-5b1e' },
      capability,
    ).catch(() => undefined);

    const logged = JSON.stringify(logger.warn.mock.calls);
    expect(logger.warn.mock.calls.map(([, details]) => details)).toEqual([
      { organizationId: ORG, bucket: 'lambda-bucket', reason: 'INVALID_MIME' },
      { organizationId: ORG, bucket: 'other-bucket', reason: 'NOT_ALLOWED' },
    ]);
    expect(logged).not.toContain('secret-key-5b1e');
    expect(logged).not.toContain('SECRET-CONTENT');
  });

  it('lets an admin key read only messages of its organizations', async () => {
    const { deps, id } = await setup();
    const scoped = (organizationIds: string[]): MessageFlowCaller => ({
      kind: 'admin',
      principal: { accessKeyId: 'AK', organizations: organizationIds },
    });

    await expect(
      getRawMessageContent(deps, id, scoped(['m-0123456789abcdef0123456789abcdef'])),
    ).resolves.toBeDefined();
    await expect(
      getRawMessageContent(deps, id, { kind: 'admin', principal: { accessKeyId: 'AK', organizations: '*' } }),
    ).resolves.toBeDefined();
    await expect(
      getRawMessageContent(deps, id, scoped(['m-ffffffffffffffffffffffffffffffff'])),
    ).rejects.toThrow(AccessDeniedException);
  });

  it('records the rules the id was handed to', async () => {
    const { deps, inFlight, id } = await setup();
    await bindAsynchronousRule(deps, id, `${ARN}-async`);
    await beginSynchronousRule(deps, id, ARN);

    expect(await inFlight.get(id)).toMatchObject({
      state: 'PENDING_SYNC',
      pendingRuleArn: ARN,
      ruleArns: [`${ARN}-async`, ARN],
    });
    await endSynchronousRule(deps, id);
    expect((await inFlight.get(id))?.pendingRuleArn).toBeUndefined();
  });
});

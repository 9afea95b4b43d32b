import {
  InvalidContentLocation,
  MessageFrozen,
  ResourceNotFoundException,
  finishInFlightMessage,
  getRawMessageContent,
  putRawMessageContent,
  type ContentLocation,
} from '../../../lambdas/core/message-flow';
import { ORG, capability, setup } from './message-flow-fixture';

const EDITED_LOCATION = { bucket: 'lambda-bucket', key: 'edited' };
const refusal = (promise: Promise<unknown>): Promise<Error> =>
  promise.then(
    () => Promise.reject(new Error('expected a refusal')),
    (caught: unknown) => caught as Error,
  );

describe('Message Flow: PutRawMessageContent refusals', () => {
  it('answers MessageFrozen for a redirected message without reading or storing the new content', async () => {
    const { deps, objects, id } = await setup();
    await finishInFlightMessage(deps, id, 'REDIRECTED');
    const stored = objects.objects.size;

    await expect(putRawMessageContent(deps, id, EDITED_LOCATION, capability)).rejects.toMatchObject({
      name: 'MessageFrozen',
      statusCode: 400,
    });
    expect(objects.reads).toEqual([]);
    expect(objects.objects.size).toBe(stored);
  });

  it('answers MessageFrozen when the message is redirected while its new content is read', async () => {
    const { deps, objects, id } = await setup();
    const racing = {
      ...deps,
      contentSource: {
        read: async (location: ContentLocation, options: { organizationId: string; maxBytes: number }) => {
          await finishInFlightMessage(deps, id, 'REDIRECTED');
          return objects.read(location, options);
        },
      },
    };

    await expect(putRawMessageContent(racing, id, EDITED_LOCATION, capability)).rejects.toThrow(
      MessageFrozen,
    );
  });

  it('answers ResourceNotFoundException when the message is discarded while its new content is read', async () => {
    const { deps, objects, inFlight, id } = await setup();
    const racing = {
      ...deps,
      contentSource: {
        read: async (location: ContentLocation, options: { organizationId: string; maxBytes: number }) => {
          inFlight.records.delete(id);
          return objects.read(location, options);
        },
      },
    };

    await expect(putRawMessageContent(racing, id, EDITED_LOCATION, capability)).rejects.toThrow(
      ResourceNotFoundException,
    );
  });

  it('answers a malformed id without looking it up', async () => {
    const { deps, inFlight } = await setup();
    const looked: string[] = [];
    const watched = {
      ...deps,
      inFlight: Object.assign(Object.create(inFlight) as typeof inFlight, {
        get: async (messageId: string) => void looked.push(messageId),
      }),
    };

    for (const malformed of ['Upper-case-id', 'abc-UPPER', 'a'.repeat(121), 'abc/def', '']) {
      await expect(getRawMessageContent(watched, malformed, capability)).rejects.toThrow(
        ResourceNotFoundException,
      );
    }
    expect(looked).toEqual([]);
  });

  it('tells the caller which content it can use, and keeps the underlying problem as the cause', async () => {
    const { deps, id } = await setup();

    const error = await refusal(
      putRawMessageContent(deps, id, { bucket: 'lambda-bucket', key: 'missing' }, capability),
    );

    expect(error).toBeInstanceOf(InvalidContentLocation);
    expect(error.message).toBe(
      'The updated email content could not be used: it must be an object in a bucket allowed for the organization, ' +
        'readable by Mailwright, at most 40 MB, and valid MIME that keeps the original identity headers.',
    );
    expect(error.cause).toMatchObject({ name: 'InvalidContentLocation' });
  });

  it('logs an unreadable and a too large object as such, with the organization and bucket only', async () => {
    const { deps, objects, logger, id } = await setup();
    objects.set('lambda-bucket', 'huge', Buffer.alloc(40 * 1024 * 1024 + 1, 0x61));

    await refusal(putRawMessageContent(deps, id, { bucket: 'lambda-bucket', key: 'missing' }, capability));
    await refusal(putRawMessageContent(deps, id, { bucket: 'lambda-bucket', key: 'huge' }, capability));

    expect(logger.warn.mock.calls).toEqual([
      [
        'PutRawMessageContent refused the content',
        { organizationId: ORG, bucket: 'lambda-bucket', reason: 'UNREADABLE' },
      ],
      [
        'PutRawMessageContent refused the content',
        { organizationId: ORG, bucket: 'lambda-bucket', reason: 'TOO_LARGE' },
      ],
    ]);
  });
});

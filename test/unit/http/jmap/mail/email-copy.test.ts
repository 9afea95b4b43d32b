import { ACCOUNT, mailFixture } from './fixture';

describe('JMAP Email/copy and Blob/copy refusals', () => {
  it.each([
    ['Email/copy', { create: {} }, 'invalidArguments'],
    ['Email/copy', { fromAccountId: ACCOUNT, create: {} }, 'invalidArguments'],
    ['Email/copy', { fromAccountId: 'S-someone-else', create: {} }, 'fromAccountNotFound'],
    ['Blob/copy', { blobIds: [] }, 'invalidArguments'],
    ['Blob/copy', { fromAccountId: 'S-someone-else', blobIds: [] }, 'fromAccountNotFound'],
  ])('%s with %j is %s', async (method, args, type) => {
    const { call } = await mailFixture();

    const [name, error] = await call(method, args);

    expect([name, error.type]).toEqual(['error', type]);
  });
});

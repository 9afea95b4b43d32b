import { JmapMethodError } from '../../../../lambdas/http/jmap/errors';
import { resolveResultReferences } from '../../../../lambdas/http/jmap/result-references';
import type { JmapArguments, JmapInvocation } from '../../../../lambdas/http/jmap/types';

/** The responses of the simple example in RFC 8620 §3.7. */
const changes: JmapInvocation[] = [
  [
    'Foo/changes',
    {
      accountId: 'A1',
      oldState: 'abcdef',
      newState: '123456',
      hasMoreChanges: false,
      created: ['f1', 'f4'],
      updated: [],
      destroyed: [],
    },
    't0',
  ],
];

function failure(args: JmapArguments, earlier: JmapInvocation[]): { type: string; description?: string } {
  try {
    resolveResultReferences(args, earlier);
  } catch (error) {
    if (error instanceof JmapMethodError) return error.toArguments();
    throw error;
  }
  throw new Error('the arguments resolved');
}

describe('JMAP result references (RFC 8620 §3.7)', () => {
  it('resolves the RFC simple example: #ids from /created of the Foo/changes response', () => {
    const args = { accountId: 'A1', '#ids': { resultOf: 't0', name: 'Foo/changes', path: '/created' } };

    expect(resolveResultReferences(args, changes)).toEqual({ accountId: 'A1', ids: ['f1', 'f4'] });
  });

  it('returns arguments without "#" names unchanged', () => {
    const args = { accountId: 'A1', ids: ['x'] };

    expect(resolveResultReferences(args, changes)).toBe(args);
  });

  it('uses the first response of a call that answered several times', () => {
    const earlier: JmapInvocation[] = [
      ['EmailSubmission/set', { created: { s1: { id: 'S1' } } }, 'c1'],
      ['Email/set', { updated: { M1: null } }, 'c1'],
    ];

    const first = { '#x': { resultOf: 'c1', name: 'EmailSubmission/set', path: '/created/s1/id' } };
    const second = { '#x': { resultOf: 'c1', name: 'Email/set', path: '/updated' } };

    expect(resolveResultReferences(first, earlier)).toEqual({ x: 'S1' });
    expect(failure(second, earlier).type).toBe('invalidResultReference');
  });

  it('answers invalidArguments when an argument is given both directly and as a reference', () => {
    const args = { ids: ['f9'], '#ids': { resultOf: 't0', name: 'Foo/changes', path: '/created' } };

    expect(failure(args, changes)).toEqual({
      type: 'invalidArguments',
      description: expect.stringContaining('ids'),
    });
  });

  it.each([
    ['no earlier response has the method call id', { resultOf: 't9', name: 'Foo/changes', path: '/created' }],
    ['the response has another name', { resultOf: 't0', name: 'Foo/get', path: '/created' }],
    ['the path does not resolve', { resultOf: 't0', name: 'Foo/changes', path: '/nothing' }],
    ['the path is not a pointer', { resultOf: 't0', name: 'Foo/changes', path: 'created' }],
    ['the reference lacks a path', { resultOf: 't0', name: 'Foo/changes' }],
    ['the reference has a non-string resultOf', { resultOf: 0, name: 'Foo/changes', path: '/created' }],
    ['the reference is a string', 't0'],
    ['the reference is an array', ['t0', 'Foo/changes', '/created']],
    ['the reference is null', null],
  ])('answers invalidResultReference when %s', (_, reference) => {
    expect(failure({ '#ids': reference }, changes)).toEqual({
      type: 'invalidResultReference',
      description: expect.stringContaining('#ids'),
    });
  });

  it('cannot refer to a later call, only to earlier responses', () => {
    expect(failure({ '#ids': { resultOf: 't1', name: 'Foo/get', path: '/list' } }, changes).type).toBe(
      'invalidResultReference',
    );
  });

  it('answers invalidResultReference for a reference to a call that failed', () => {
    const earlier: JmapInvocation[] = [['error', { type: 'unknownMethod' }, 't0']];

    expect(failure({ '#ids': { resultOf: 't0', name: 'Foo/changes', path: '/created' } }, earlier).type).toBe(
      'invalidResultReference',
    );
  });

  it('resolves several references in one call', () => {
    const args = {
      '#created': { resultOf: 't0', name: 'Foo/changes', path: '/created' },
      '#since': { resultOf: 't0', name: 'Foo/changes', path: '/newState' },
    };

    expect(resolveResultReferences(args, changes)).toEqual({ created: ['f1', 'f4'], since: '123456' });
  });
});

import { JmapRequestError } from '../../../../lambdas/http/jmap/errors';
import { assertJsonContentType, parseJmapRequest } from '../../../../lambdas/http/jmap/parse-request';

const CORE = 'urn:ietf:params:jmap:core';
const MAIL = 'urn:ietf:params:jmap:mail';
const options = { maxSizeRequest: 10_000, maxCallsInRequest: 3, capabilities: new Set([CORE, MAIL]) };

function parse(document: unknown, overrides: Partial<typeof options> = {}) {
  return parseJmapRequest(Buffer.from(JSON.stringify(document)), { ...options, ...overrides });
}

/** The problem the parser refuses with, as the client would see it. */
function refusal(act: () => unknown): ReturnType<JmapRequestError['toProblem']> {
  try {
    act();
  } catch (error) {
    if (error instanceof JmapRequestError) return error.toProblem();
    throw error;
  }
  throw new Error('the request was accepted');
}

function calls(count: number): unknown[] {
  return Array.from({ length: count }, (_, index) => ['Core/echo', {}, `c${index}`]);
}

describe('JMAP request parsing (RFC 8620 §3.3, §3.6.1)', () => {
  describe('a valid Request object', () => {
    it('gives using, the method calls as [name, arguments, methodCallId], and no createdIds when none was sent', () => {
      const request = parse({ using: [CORE, MAIL], methodCalls: [['Core/echo', { hello: true }, 'c1']] });

      expect(request).toEqual({ using: [CORE, MAIL], methodCalls: [['Core/echo', { hello: true }, 'c1']] });
    });

    it('keeps createdIds, even empty', () => {
      expect(parse({ using: [], methodCalls: [], createdIds: {} }).createdIds).toEqual({});
      expect(parse({ using: [], methodCalls: [], createdIds: { k1: 'M1' } }).createdIds).toEqual({
        k1: 'M1',
      });
    });

    it('ignores properties the Request object does not define', () => {
      expect(parse({ using: [CORE], methodCalls: [], extension: { x: 1 } })).toEqual({
        using: [CORE],
        methodCalls: [],
      });
    });
  });

  describe('notJSON', () => {
    it.each([
      ['a body that is not JSON', Buffer.from('{"using": [')],
      ['an empty body', Buffer.alloc(0)],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])],
      ['a byte order mark', Buffer.from('\ufeff{"using":[],"methodCalls":[]}')],
      ['an unpaired surrogate in a string', Buffer.from('{"using":["\\ud800"],"methodCalls":[]}')],
      ['an unpaired surrogate in a member name', Buffer.from('{"using":[],"methodCalls":[],"\\udc00":1}')],
      ['nesting four thousand levels deep', Buffer.from(`${'['.repeat(4_000)}${']'.repeat(4_000)}`)],
    ])('refuses %s', (_, body) => {
      expect(refusal(() => parseJmapRequest(body, options))).toEqual({
        type: 'urn:ietf:params:jmap:error:notJSON',
        status: 400,
        detail: expect.any(String),
      });
    });

    it('accepts a surrogate pair (a character outside the BMP) and moderate nesting', () => {
      const nested = JSON.parse(`${'{"a":'.repeat(50)}1${'}'.repeat(50)}`);

      const request = parse(
        { using: ['\u{1F600}'], methodCalls: [['x', nested, 'c']] },
        {
          capabilities: new Set(['\u{1F600}']),
        },
      );

      expect(request.using).toEqual(['\u{1F600}']);
    });
  });

  describe('notRequest', () => {
    it.each([
      ['a JSON array', []],
      ['null', null],
      ['a missing using', { methodCalls: [] }],
      ['using with a non-string', { using: [CORE, 1], methodCalls: [] }],
      ['a missing methodCalls', { using: [] }],
      ['methodCalls that is not an array', { using: [], methodCalls: { c1: ['Core/echo', {}, 'c1'] } }],
      ['a call that is not an array', { using: [], methodCalls: ['Core/echo'] }],
      ['a call with two elements', { using: [], methodCalls: [['Core/echo', {}]] }],
      ['a call with four elements', { using: [], methodCalls: [['Core/echo', {}, 'c1', 'extra']] }],
      ['a non-string method name', { using: [], methodCalls: [[7, {}, 'c1']] }],
      ['array arguments', { using: [], methodCalls: [['Core/echo', [], 'c1']] }],
      ['null arguments', { using: [], methodCalls: [['Core/echo', null, 'c1']] }],
      ['string arguments', { using: [], methodCalls: [['Core/echo', 'hello', 'c1']] }],
      ['a non-string method call id', { using: [], methodCalls: [['Core/echo', {}, 1]] }],
      ['createdIds that is not an object', { using: [], methodCalls: [], createdIds: ['k1'] }],
      ['createdIds with a non-string id', { using: [], methodCalls: [], createdIds: { k1: 5 } }],
      [
        'createdIds with a creation id that is not an Id',
        { using: [], methodCalls: [], createdIds: { 'k 1': 'M1' } },
      ],
      ['createdIds with an id that is not an Id', { using: [], methodCalls: [], createdIds: { k1: '' } }],
    ])('refuses %s', (_, document) => {
      expect(refusal(() => parse(document))).toEqual({
        type: 'urn:ietf:params:jmap:error:notRequest',
        status: 400,
        detail: expect.any(String),
      });
    });

    it('names the faulty call in the detail', () => {
      const document = {
        using: [],
        methodCalls: [
          ['Core/echo', {}, 'c0'],
          ['Core/echo', {}, 2],
        ],
      };

      expect(refusal(() => parse(document)).detail).toContain('methodCalls[1]');
    });
  });

  describe('limits', () => {
    it('accepts a body of exactly maxSizeRequest octets', () => {
      const body = Buffer.from(JSON.stringify({ using: [], methodCalls: [] }).padEnd(10_000, ' '));

      expect(parseJmapRequest(body, options).methodCalls).toEqual([]);
    });

    it('refuses a body one octet over maxSizeRequest with a limit naming maxSizeRequest', () => {
      const body = Buffer.from(JSON.stringify({ using: [], methodCalls: [] }).padEnd(10_001, ' '));

      expect(refusal(() => parseJmapRequest(body, options))).toEqual({
        type: 'urn:ietf:params:jmap:error:limit',
        limit: 'maxSizeRequest',
        status: 400,
        detail: expect.any(String),
      });
    });

    it('checks the size before parsing, so an oversized body that is not JSON is a limit error', () => {
      expect(refusal(() => parseJmapRequest(Buffer.alloc(10_001, 'x'), options)).limit).toBe(
        'maxSizeRequest',
      );
    });

    it('accepts exactly maxCallsInRequest method calls', () => {
      expect(parse({ using: [CORE], methodCalls: calls(3) }).methodCalls).toHaveLength(3);
    });

    it('refuses one call more than maxCallsInRequest with a limit naming maxCallsInRequest', () => {
      expect(refusal(() => parse({ using: [CORE], methodCalls: calls(4) }))).toEqual({
        type: 'urn:ietf:params:jmap:error:limit',
        limit: 'maxCallsInRequest',
        status: 400,
        detail: expect.any(String),
      });
    });
  });

  describe('unknownCapability', () => {
    it('refuses a capability in using that the server does not support, and names it', () => {
      const problem = refusal(() =>
        parse({ using: [CORE, 'https://example.com/apis/foobar'], methodCalls: [] }),
      );

      expect(problem).toEqual({
        type: 'urn:ietf:params:jmap:error:unknownCapability',
        status: 400,
        detail: expect.stringContaining('https://example.com/apis/foobar'),
      });
    });

    it('accepts using without core (the layer decides per method, see docs/jmap.md)', () => {
      expect(parse({ using: [MAIL], methodCalls: [] }).using).toEqual([MAIL]);
    });
  });
});

describe('JMAP request content type (RFC 8620 §3.1)', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"'])(
    'accepts %s',
    (contentType) => {
      expect(() => assertJsonContentType(contentType)).not.toThrow();
    },
  );

  it.each([undefined, '', 'text/plain', 'application/jsonx', 'application/json; charset=iso-8859-1'])(
    'refuses %j as notJSON',
    (contentType) => {
      expect(refusal(() => assertJsonContentType(contentType)).type).toBe(
        'urn:ietf:params:jmap:error:notJSON',
      );
    },
  );
});

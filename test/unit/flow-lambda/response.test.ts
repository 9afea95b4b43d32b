import {
  InvalidLambdaResponseError,
  MAX_RESPONSE_BYTES,
  parseLambdaResponse,
} from '../../../lambdas/core/flow-lambda';

const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('parseLambdaResponse', () => {
  it('accepts the documented examples', () => {
    const actions = parseLambdaResponse(
      bytes({
        actions: [
          { action: { type: 'DEFAULT' }, allRecipients: true },
          { action: { type: 'DROP' }, recipients: ['drop-recipient@example.com'] },
          {
            action: { type: 'BOUNCE', parameters: { bounceMessage: 'Email in breach of company policy.' } },
            allRecipients: true,
          },
        ],
      }),
      'INBOUND',
    );

    expect(actions).toEqual([
      { type: 'DEFAULT', recipients: [], allRecipients: true },
      { type: 'DROP', recipients: ['drop-recipient@example.com'], allRecipients: false },
      {
        type: 'BOUNCE',
        bounceMessage: 'Email in breach of company policy.',
        recipients: [],
        allRecipients: true,
      },
    ]);
  });

  it.each([
    ['malformed JSON', "{ 'actions': [] }"],
    ['a JSON null (handler returned nothing)', 'null'],
    ['no actions array', { action: [] }],
    ['an action entry without action', { actions: [{ allRecipients: true }] }],
    ['a lower-case type', { actions: [{ action: { type: 'default' }, allRecipients: true }] }],
    ['an unknown type', { actions: [{ action: { type: 'QUARANTINE' }, allRecipients: true }] }],
    [
      'non-object parameters',
      { actions: [{ action: { type: 'BOUNCE', parameters: 'x' }, allRecipients: true }] },
    ],
    [
      'a non-string bounce message',
      { actions: [{ action: { type: 'BOUNCE', parameters: { bounceMessage: 3 } }, allRecipients: true }] },
    ],
    [
      'recipients that are not addresses',
      { actions: [{ action: { type: 'DROP' }, recipients: ['nobody'] }] },
    ],
    ['recipients that are not an array', { actions: [{ action: { type: 'DROP' }, recipients: 'a@b.c' }] }],
    ['a string allRecipients', { actions: [{ action: { type: 'DROP' }, allRecipients: 'true' }] }],
  ])('rejects %s', (_, body) => {
    expect(() => parseLambdaResponse(bytes(body), 'INBOUND')).toThrow(InvalidLambdaResponseError);
  });

  it('rejects inbound-only action types in an outbound response', () => {
    for (const type of ['MOVE_TO_JUNK', 'BYPASS_SPAM_CHECK']) {
      expect(() =>
        parseLambdaResponse(bytes({ actions: [{ action: { type }, allRecipients: true }] }), 'OUTBOUND'),
      ).toThrow(/not one of BOUNCE, DROP, DEFAULT/);
    }
  });

  it('rejects a response over 256 KB and accepts one of exactly 256 KB', () => {
    const skeleton = JSON.stringify({
      actions: [{ action: { type: 'DEFAULT' }, allRecipients: true }],
      pad: '',
    });
    const exact = skeleton.replace('"pad":""', `"pad":"${'x'.repeat(MAX_RESPONSE_BYTES - skeleton.length)}"`);

    expect(Buffer.byteLength(exact)).toBe(MAX_RESPONSE_BYTES);
    expect(parseLambdaResponse(bytes(exact), 'INBOUND')).toHaveLength(1);
    expect(() => parseLambdaResponse(bytes(`${exact} `), 'INBOUND')).toThrow(/262145 bytes/);
  });

  it('rejects an outbound response addressing more than 500 recipients', () => {
    const recipients = (n: number) => Array.from({ length: n }, (_, i) => `r${i}@example.com`);
    const body = (n: number) =>
      bytes({ actions: [{ action: { type: 'DEFAULT' }, recipients: recipients(n) }] });

    expect(parseLambdaResponse(body(500), 'OUTBOUND')[0].recipients).toHaveLength(500);
    expect(() => parseLambdaResponse(body(501), 'OUTBOUND')).toThrow(/501 recipients/);
  });

  it('ignores the bounce message of a non-bounce action', () => {
    const [action] = parseLambdaResponse(
      bytes({
        actions: [{ action: { type: 'DROP', parameters: { bounceMessage: 'x' } }, allRecipients: true }],
      }),
      'INBOUND',
    );

    expect(action).toEqual({ type: 'DROP', recipients: [], allRecipients: true });
  });
});

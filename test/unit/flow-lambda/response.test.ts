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

  const DEFAULT_ALL = { action: { type: 'DEFAULT' }, allRecipients: true };
  it.each([
    ['malformed JSON', "{ 'actions': [] }", 'Response is not valid JSON'],
    ['a JSON null (handler returned nothing)', 'null', 'Response must be an object with an "actions" array'],
    ['no actions array', { action: [] }, 'Response must be an object with an "actions" array'],
    [
      'an action entry without action',
      { actions: [DEFAULT_ALL, { allRecipients: true }] },
      'actions[1].action must be an object',
    ],
    [
      'a lower-case type',
      { actions: [{ action: { type: 'default' }, allRecipients: true }] },
      'actions[0].action.type "default" is not one of BOUNCE, DROP, DEFAULT, BYPASS_SPAM_CHECK, MOVE_TO_JUNK',
    ],
    [
      'a numeric type',
      { actions: [{ action: { type: 3 }, allRecipients: true }] },
      'actions[0].action.type 3 is not one of BOUNCE, DROP, DEFAULT, BYPASS_SPAM_CHECK, MOVE_TO_JUNK',
    ],
    [
      'non-object parameters',
      { actions: [{ action: { type: 'BOUNCE', parameters: 'x' }, allRecipients: true }] },
      'actions[0].action.parameters must be an object',
    ],
    [
      'a non-string bounce message',
      { actions: [{ action: { type: 'BOUNCE', parameters: { bounceMessage: 3 } }, allRecipients: true }] },
      'actions[0].action.parameters.bounceMessage must be a string',
    ],
    [
      'recipients that are not addresses',
      { actions: [{ action: { type: 'DROP' }, recipients: ['nobody'] }] },
      'actions[0].recipients must be an array of email addresses',
    ],
    [
      'recipients that are not strings',
      { actions: [{ action: { type: 'DROP' }, recipients: [7] }] },
      'actions[0].recipients must be an array of email addresses',
    ],
    [
      'recipients that are not an array',
      { actions: [{ action: { type: 'DROP' }, recipients: 'a@b.c' }] },
      'actions[0].recipients must be an array of email addresses',
    ],
    [
      'a string allRecipients',
      { actions: [{ action: { type: 'DROP' }, allRecipients: 'true' }] },
      'actions[0].allRecipients must be a boolean',
    ],
  ])('rejects %s, saying where', (_, body, message) => {
    const parse = () => parseLambdaResponse(bytes(body), 'INBOUND');

    expect(parse).toThrow(InvalidLambdaResponseError);
    expect(parse).toThrow(message);
  });

  it('keeps the JSON error as the cause', () => {
    expect(() => parseLambdaResponse(bytes('{'), 'INBOUND')).toThrow(
      expect.objectContaining({ cause: expect.objectContaining({ name: 'SyntaxError' }) }),
    );
  });

  it('accepts null parameters, and a bounce without a message carries none', () => {
    const actions = parseLambdaResponse(
      bytes({ actions: [{ action: { type: 'BOUNCE', parameters: null }, allRecipients: true }] }),
      'INBOUND',
    );

    expect(actions).toStrictEqual([{ type: 'BOUNCE', recipients: [], allRecipients: true }]);
  });

  it('does not limit the recipients of an inbound response to 500', () => {
    const recipients = Array.from({ length: 501 }, (_, i) => `r${i}@org.example`);

    const [action] = parseLambdaResponse(
      bytes({ actions: [{ action: { type: 'DROP' }, recipients }] }),
      'INBOUND',
    );

    expect(action?.recipients).toHaveLength(501);
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

import { InvalidLambdaResponseError } from './errors';
import {
  INBOUND_LAMBDA_ACTIONS,
  OUTBOUND_LAMBDA_ACTIONS,
  type FlowDirection,
  type LambdaActionType,
  type LambdaResponseAction,
} from './types';

/** Largest synchronous response, in bytes (§7.5: 256 KB = 262,144 bytes). Larger is a failed attempt. */
export const MAX_RESPONSE_BYTES = 256 * 1024;
/** Distinct actions honoured per response (§7.4); entries with further distinct actions are not applied. */
export const MAX_UNIQUE_ACTIONS = 10;
/** Most recipients an outbound response may address (§7.5). More is an invalid response. */
export const MAX_OUTBOUND_RESPONSE_RECIPIENTS = 500;

/**
 * Parses and validates a synchronous response (§7.4). Strict by decision (§7.4 note): valid JSON, an object with
 * an `actions` array, exact upper-case types of the rule's direction, `bounceMessage` a string, `recipients` an
 * array of strings, `allRecipients` a boolean. Unknown extra fields are ignored.
 * @param payload - raw response bytes from the FunctionInvoker
 * @param direction - decides which action types are allowed
 * @throws InvalidLambdaResponseError for anything else; the runner counts it as a failed attempt
 * @example
 * parseLambdaResponse(Buffer.from('{"actions":[{"action":{"type":"DEFAULT"},"allRecipients":true}]}'), 'INBOUND');
 */
export function parseLambdaResponse(payload: Uint8Array, direction: FlowDirection): LambdaResponseAction[] {
  if (payload.byteLength > MAX_RESPONSE_BYTES) {
    throw new InvalidLambdaResponseError(
      `Response is ${payload.byteLength} bytes; the limit is ${MAX_RESPONSE_BYTES}`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch (error) {
    throw new InvalidLambdaResponseError('Response is not valid JSON', { cause: error });
  }
  if (!isObject(document) || !Array.isArray(document.actions)) {
    throw new InvalidLambdaResponseError('Response must be an object with an "actions" array');
  }
  const allowed: readonly string[] =
    direction === 'INBOUND' ? INBOUND_LAMBDA_ACTIONS : OUTBOUND_LAMBDA_ACTIONS;
  const actions = document.actions.map((entry, index) => parseEntry(entry, index, allowed));
  if (direction === 'OUTBOUND') {
    // Stryker disable next-line MethodExpression: upper or lower case, the number of distinct addresses is the same
    const addressed = new Set(actions.flatMap((action) => action.recipients.map((r) => r.toLowerCase())));
    if (addressed.size > MAX_OUTBOUND_RESPONSE_RECIPIENTS) {
      throw new InvalidLambdaResponseError(
        `Outbound response addresses ${addressed.size} recipients; the limit is ${MAX_OUTBOUND_RESPONSE_RECIPIENTS}`,
      );
    }
  }
  return actions;
}

function parseEntry(entry: unknown, index: number, allowed: readonly string[]): LambdaResponseAction {
  const where = `actions[${index}]`;
  if (!isObject(entry) || !isObject(entry.action))
    throw new InvalidLambdaResponseError(`${where}.action must be an object`);
  const { type, parameters } = entry.action;
  if (!allowed.includes(type as string)) {
    throw new InvalidLambdaResponseError(
      `${where}.action.type ${JSON.stringify(type)} is not one of ${allowed.join(', ')}`,
    );
  }
  if (parameters !== undefined && parameters !== null && !isObject(parameters)) {
    throw new InvalidLambdaResponseError(`${where}.action.parameters must be an object`);
  }
  const bounceMessage = isObject(parameters) ? parameters.bounceMessage : undefined;
  if (bounceMessage !== undefined && typeof bounceMessage !== 'string') {
    throw new InvalidLambdaResponseError(`${where}.action.parameters.bounceMessage must be a string`);
  }
  const { recipients = [], allRecipients = false } = entry;
  if (!Array.isArray(recipients) || !recipients.every((r) => typeof r === 'string' && r.includes('@'))) {
    throw new InvalidLambdaResponseError(`${where}.recipients must be an array of email addresses`);
  }
  if (typeof allRecipients !== 'boolean')
    throw new InvalidLambdaResponseError(`${where}.allRecipients must be a boolean`);
  return {
    type: type as LambdaActionType,
    ...(type === 'BOUNCE' && bounceMessage !== undefined ? { bounceMessage } : {}),
    recipients,
    allRecipients,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

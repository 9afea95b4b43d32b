import { JmapMethodError } from './errors';
import { evaluateJmapPointer } from './json-pointer';
import type { JmapArguments, JmapInvocation } from './types';

/**
 * Replaces every `#name` argument by the value its ResultReference (`{resultOf, name, path}`) points to in an
 * earlier response of the same request (RFC 8620 §3.7):
 * 1. an argument given both as `name` and `#name` → invalidArguments;
 * 2. find the first earlier response whose method call id is `resultOf`; its response name must be `name`;
 * 3. evaluate `path` in its arguments ({@link evaluateJmapPointer}).
 * A value that is not a ResultReference object, or any failed step, → invalidResultReference.
 * @param args - the call's arguments as the client sent them
 * @param earlier - the responses of the calls processed before this one
 * @returns new arguments without `#` names; `args` itself when it has none
 * @throws JmapMethodError invalidArguments or invalidResultReference
 * @example
 * resolveResultReferences({ '#ids': { resultOf: 't0', name: 'Email/query', path: '/ids' } }, responses);
 */
export function resolveResultReferences(
  args: JmapArguments,
  earlier: readonly JmapInvocation[],
): JmapArguments {
  const referenced = Object.keys(args).filter((key) => key.startsWith('#'));
  if (referenced.length === 0) return args;
  const twice = referenced.find((key) => Object.hasOwn(args, key.slice(1)));
  if (twice !== undefined) {
    throw new JmapMethodError(
      'invalidArguments',
      `'${twice.slice(1)}' is given both directly and as a result reference.`,
    );
  }
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (key.startsWith('#')) resolved[key.slice(1)] = resolve(key, value, earlier);
    else resolved[key] = value;
  }
  return resolved;
}

function resolve(key: string, reference: unknown, earlier: readonly JmapInvocation[]): unknown {
  const { resultOf, name, path } = (reference ?? {}) as Record<string, unknown>;
  if (
    typeof reference !== 'object' ||
    Array.isArray(reference) ||
    typeof resultOf !== 'string' ||
    typeof name !== 'string' ||
    typeof path !== 'string'
  ) {
    throw invalid(key, 'is not a ResultReference object {resultOf, name, path}');
  }
  const response = earlier.find(([, , methodCallId]) => methodCallId === resultOf);
  if (!response) throw invalid(key, `refers to '${resultOf}', which has no earlier response`);
  if (response[0] !== name) {
    throw invalid(key, `expects a '${name}' response to '${resultOf}', which answered '${response[0]}'`);
  }
  const result = evaluateJmapPointer(response[1], path);
  if (!result.ok) throw invalid(key, `has a path that does not resolve: ${result.reason}`);
  return result.value;
}

function invalid(key: string, problem: string): JmapMethodError {
  return new JmapMethodError('invalidResultReference', `${key} ${problem}.`);
}

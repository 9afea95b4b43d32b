import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { InvalidParameterException } from './errors';

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

/**
 * Checks `value` against `schema` before any state changes, and reports the first violation the way AWS
 * services do (`1 validation error detected: Value '…' at '…' failed to satisfy constraint: …`).
 * @param schema - the operation's input shape
 * @param value - the decoded request
 * @example
 * const input = validate(CreateUserInput, JSON.parse(body));
 */
export function validate<T extends TSchema>(schema: T, value: unknown): Static<T> {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  if (check.Check(value)) return value as Static<T>;
  const first = check.Errors(value).First();
  throw new InvalidParameterException(first ? describe(first) : 'The request is not valid.');
}

function describe(error: ValueError): string {
  const member = error.path.split('/').filter(Boolean).map(lowerFirst).join('.') || 'request';
  const shown = typeof error.value === 'object' ? JSON.stringify(error.value) : String(error.value);
  return `1 validation error detected: Value '${error.value === undefined ? 'null' : shown}' at '${member}' failed to satisfy constraint: ${constraint(error)}`;
}

function constraint({ type, schema }: ValueError): string {
  switch (type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'Member must not be null';
    case ValueErrorType.StringPattern:
      return `Member must satisfy regular expression pattern: ${schema.pattern}`;
    case ValueErrorType.StringMaxLength:
      return `Member must have length less than or equal to ${schema.maxLength}`;
    case ValueErrorType.StringMinLength:
      return `Member must have length greater than or equal to ${schema.minLength}`;
    case ValueErrorType.ArrayMaxItems:
      return `Member must have length less than or equal to ${schema.maxItems}`;
    case ValueErrorType.ArrayMinItems:
      return `Member must have length greater than or equal to ${schema.minItems}`;
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum:
      return `Member must have value less than or equal to ${schema.maximum}`;
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum:
      return `Member must have value greater than or equal to ${schema.minimum}`;
    case ValueErrorType.Union:
      return `Member must satisfy enum value set: [${(schema.anyOf as TSchema[]).map((s) => s.const).join(', ')}]`;
    default:
      return `Member must be of type ${schemaType(schema)}`;
  }
}

function schemaType(schema: TSchema): string {
  return typeof schema.type === 'string' ? schema.type : 'value';
}

function lowerFirst(segment: string): string {
  return /^\d+$/.test(segment) ? `member` : segment.charAt(0).toLowerCase() + segment.slice(1);
}

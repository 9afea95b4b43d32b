import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

/** Transaction items as the document client takes them. */
export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** One item of a write transaction, as the document client takes it. */
export type TransactItem = TransactItems[number];

/** Why each item of a cancelled transaction failed (`None` for items that did not). */
export type CancellationCodes = readonly string[];

const MAX_ATTEMPTS = 8;

/**
 * Runs a write transaction, retrying while it only lost a race (`TransactionConflict`, or another transaction
 * in progress on the same items), and returns the cancellation codes when a condition failed, so the caller can
 * name the refusal. Other errors propagate.
 * @param documents - the document client
 * @param items - the transaction items (at most 100, one per item key)
 * @returns `undefined` when the transaction committed, else the code of each item
 * @example
 * const codes = await transact(documents, items);
 * if (codes && failedAt(codes, 1)) throw new NameAvailabilityException();
 */
export async function transact(
  documents: DynamoDBDocumentClient,
  items: TransactItems,
): Promise<CancellationCodes | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await documents.send(new TransactWriteCommand({ TransactItems: items }));
      return undefined;
    } catch (error) {
      const codes =
        error instanceof TransactionCanceledException
          ? (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None')
          : undefined;
      if (codes?.includes('ConditionalCheckFailed')) return codes;
      const conflict =
        (codes !== undefined && (codes.includes('TransactionConflict') || codes.length === 0)) ||
        (error instanceof Error && error.name === 'TransactionInProgressException');
      if (!conflict || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * Math.random()));
    }
  }
}

/**
 * True when the item at `index` of a cancelled transaction failed its condition.
 * @param codes - what {@link transact} returned for a cancelled transaction
 * @param index - position of the item in the transaction
 * @example
 * if (codes && failedAt(codes, 0)) throw new LimitExceededException();
 */
export function failedAt(codes: CancellationCodes, index: number): boolean {
  return codes[index] === 'ConditionalCheckFailed';
}

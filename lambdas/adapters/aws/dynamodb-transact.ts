import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

/** Transaction items as the document client takes them. */
export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** Why each item of a cancelled transaction failed (`None` for items that did not). */
export type CancellationCodes = readonly string[];

const MAX_ATTEMPTS = 8;

/**
 * Runs a write transaction, retrying while it only lost a race (`TransactionConflict`), and returns the
 * cancellation codes when a condition failed, so the caller can name the refusal. Other errors propagate.
 * @example
 * const codes = await transact(documents, items);
 * if (codes?.[1] === 'ConditionalCheckFailed') throw new NameAvailabilityException();
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
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
      if (codes.includes('ConditionalCheckFailed')) return codes;
      const conflict = codes.includes('TransactionConflict') || codes.length === 0;
      if (!conflict || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * Math.random()));
    }
  }
}

/**
 * True when the item at `index` of a cancelled transaction failed its condition.
 * @example
 * if (codes && failedAt(codes, 0)) throw new LimitExceededException();
 */
export function failedAt(codes: CancellationCodes, index: number): boolean {
  return codes[index] === 'ConditionalCheckFailed';
}

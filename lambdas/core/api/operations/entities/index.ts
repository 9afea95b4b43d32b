import type { Operation } from '../../operation';

/** The entities operations of the catalog. */
export const entityOperations: readonly Operation[] = [];

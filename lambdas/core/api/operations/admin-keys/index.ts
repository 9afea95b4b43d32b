import type { Operation } from '../../operation';

/** The admin-keys operations of the catalog. */
export const adminKeyOperations: readonly Operation[] = [];

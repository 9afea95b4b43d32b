import type { Operation } from '../../operation';

/** The organizations operations of the catalog. */
export const organizationOperations: readonly Operation[] = [];

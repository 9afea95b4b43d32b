import type { Operation } from '../../operation';
import { createAvailabilityConfiguration } from './create-availability-configuration';
import { deleteAvailabilityConfiguration } from './delete-availability-configuration';
import { getAvailability } from './get-availability';
import { listAvailabilityConfigurations } from './list-availability-configurations';
import { testAvailabilityConfiguration } from './test-availability-configuration';
import { updateAvailabilityConfiguration } from './update-availability-configuration';

export { createAvailabilityConfiguration } from './create-availability-configuration';
export { deleteAvailabilityConfiguration } from './delete-availability-configuration';
export { getAvailability } from './get-availability';
export { listAvailabilityConfigurations } from './list-availability-configurations';
export { testAvailabilityConfiguration } from './test-availability-configuration';
export { updateAvailabilityConfiguration } from './update-availability-configuration';

/** The availability configuration operations (WorkMail's) and GetAvailability (a Mailwright extension). */
export const availabilityOperations: readonly Operation[] = [
  createAvailabilityConfiguration,
  updateAvailabilityConfiguration,
  deleteAvailabilityConfiguration,
  listAvailabilityConfigurations,
  testAvailabilityConfiguration,
  getAvailability,
] as unknown as readonly Operation[];

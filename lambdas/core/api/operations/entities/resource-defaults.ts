import type { BookingOptions } from '../../../directory/types';

/** Booking options of a new resource: auto-accept, accept recurring meetings, decline conflicts (the model's example). */
export const DEFAULT_BOOKING_OPTIONS: BookingOptions = {
  AutoAcceptRequests: true,
  AutoDeclineRecurringRequests: false,
  AutoDeclineConflictingRequests: true,
};

import type ICAL from 'ical.js';
import type { BusyType } from './types';

const CDO_BUSY_TYPES: Readonly<Record<string, BusyType>> = {
  FREE: 'FREE',
  TENTATIVE: 'TENTATIVE',
  BUSY: 'BUSY',
  OOF: 'OOF',
};

/**
 * How a VEVENT shows in free/busy: cancelled or transparent events are free; otherwise Outlook's
 * X-MICROSOFT-CDO-BUSYSTATUS when present, else TENTATIVE for STATUS:TENTATIVE, else BUSY. To-dos are free.
 * @param component - a VEVENT or VTODO (master or override)
 * @example
 * busyTypeOf(vevent); // 'BUSY'
 */
export function busyTypeOf(component: ICAL.Component): BusyType {
  if (component.name !== 'vevent') return 'FREE';
  const status = textOf(component, 'status');
  if (status === 'CANCELLED' || textOf(component, 'transp') === 'TRANSPARENT') return 'FREE';
  const cdo = CDO_BUSY_TYPES[textOf(component, 'x-microsoft-cdo-busystatus') ?? ''];
  if (cdo) return cdo;
  return status === 'TENTATIVE' ? 'TENTATIVE' : 'BUSY';
}

function textOf(component: ICAL.Component, property: string): string | undefined {
  const value = component.getFirstPropertyValue(property);
  return typeof value === 'string' ? value.trim().toUpperCase() : undefined;
}

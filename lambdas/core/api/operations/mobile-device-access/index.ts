import type { Operation } from '../../operation';
import { getMobileDevicePolicy, putMobileDevicePolicy } from './device-policy-operations';
import {
  deleteMobileDeviceAccessOverride,
  getMobileDeviceAccessOverride,
  listMobileDeviceAccessOverrides,
  putMobileDeviceAccessOverride,
} from './device-override-operations';
import {
  createMobileDeviceAccessRule,
  deleteMobileDeviceAccessRule,
  getMobileDeviceAccessEffect,
  listMobileDeviceAccessRules,
  updateMobileDeviceAccessRule,
} from './device-rule-operations';

/**
 * WorkMail's nine mobile device access operations (rules, their test, and per-device overrides), and the device
 * policy, which WorkMail only has in its console (Mailwright extensions).
 */
export const mobileDeviceAccessOperations: readonly Operation[] = [
  createMobileDeviceAccessRule,
  updateMobileDeviceAccessRule,
  deleteMobileDeviceAccessRule,
  listMobileDeviceAccessRules,
  getMobileDeviceAccessEffect,
  putMobileDeviceAccessOverride,
  getMobileDeviceAccessOverride,
  deleteMobileDeviceAccessOverride,
  listMobileDeviceAccessOverrides,
  putMobileDevicePolicy,
  getMobileDevicePolicy,
] as unknown as readonly Operation[];

import { randomBytes } from 'node:crypto';

/**
 * Identity Center application ARNs, as WorkMail's model spells them:
 * `arn:<partition>:sso:::instance/<instance id>` and `arn:<partition>:sso::<account>:application/<instance id>/apl-<16>`.
 */

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const INSTANCE_ARN =
  /^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::instance\/((sso)?ins-[a-zA-Z0-9-.]{16})$/;
const APPLICATION_ARN =
  /^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso::(\d{12}):application\/((sso)?ins-[a-zA-Z0-9-.]{16})\/apl-[a-zA-Z0-9]{16}$/;

/**
 * A new application ARN in the instance's partition, owned by `accountId`.
 * @param instanceArn - a valid instance ARN (the operation's schema checked it)
 * @example
 * newApplicationArn('arn:aws:sso:::instance/ssoins-1111222233334444', '123456789012');
 * // 'arn:aws:sso::123456789012:application/ssoins-1111222233334444/apl-…'
 */
export function newApplicationArn(instanceArn: string, accountId: string): string {
  const [, partition, instanceId] = INSTANCE_ARN.exec(instanceArn)!;
  const suffix = Array.from(randomBytes(16), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
  return `arn:${partition}:sso::${accountId}:application/${instanceId}/apl-${suffix}`;
}

/**
 * True when the application ARN lies in the instance (same partition and instance id).
 * @example
 * applicationInInstance(applicationArn, instanceArn); // true for the pair CreateIdentityCenterApplication made
 */
export function applicationInInstance(applicationArn: string, instanceArn: string): boolean {
  const application = APPLICATION_ARN.exec(applicationArn);
  const instance = INSTANCE_ARN.exec(instanceArn);
  return !!application && !!instance && application[1] === instance[1] && application[3] === instance[2];
}

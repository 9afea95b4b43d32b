import type { EmailMonitoringConfiguration } from './types';

const LOG_GROUP_ARN = /^arn:aws:logs:([a-z\-0-9]*):([0-9]{12}):log-group:([.\-_/#A-Za-z0-9]+):\*$/;
const ROLE_ARN = /^arn:aws:iam::([0-9]{12}):role\/.+$/;

/** Why a configuration was refused: the field, and what is wrong with it. */
export interface EmailMonitoringRefusal {
  readonly field: 'LogGroupArn' | 'RoleArn';
  readonly reason: 'malformed' | 'otherRegion' | 'otherAccount';
}

/** What {@link emailMonitoringConfiguration} checks against: where this deployment runs. */
export interface DeploymentLocation {
  readonly region: string;
  readonly accountId: string;
}

/**
 * Checks a configuration to put: the log group must be in the deployment's Region and account (as WorkMail requires
 * of the organization's), and the role, when one is named, an IAM role of the same account.
 * @param request - organization, log group ARN and optional role ARN as the admin gave them
 * @param now - epoch ms, recorded as `updatedAt`
 * @example
 * const outcome = emailMonitoringConfiguration(settings, { organizationId, logGroupArn, roleArn }, Date.now());
 * if (!outcome.ok) throw new InvalidParameterException(`${outcome.refusal.field} …`);
 */
export function emailMonitoringConfiguration(
  location: DeploymentLocation,
  request: { readonly organizationId: string; readonly logGroupArn: string; readonly roleArn?: string },
  now: number,
):
  | { readonly ok: true; readonly value: EmailMonitoringConfiguration }
  | { readonly ok: false; readonly refusal: EmailMonitoringRefusal } {
  const refuse = (refusal: EmailMonitoringRefusal) => ({ ok: false, refusal }) as const;
  const group = LOG_GROUP_ARN.exec(request.logGroupArn);
  if (!group) return refuse({ field: 'LogGroupArn', reason: 'malformed' });
  if (group[1] !== location.region) return refuse({ field: 'LogGroupArn', reason: 'otherRegion' });
  if (group[2] !== location.accountId) return refuse({ field: 'LogGroupArn', reason: 'otherAccount' });
  if (request.roleArn !== undefined) {
    const role = ROLE_ARN.exec(request.roleArn);
    if (!role) return refuse({ field: 'RoleArn', reason: 'malformed' });
    if (role[1] !== location.accountId) return refuse({ field: 'RoleArn', reason: 'otherAccount' });
  }
  return {
    ok: true,
    value: {
      organizationId: request.organizationId,
      logGroupArn: request.logGroupArn,
      ...(request.roleArn === undefined ? {} : { roleArn: request.roleArn }),
      updatedAt: now,
    },
  };
}

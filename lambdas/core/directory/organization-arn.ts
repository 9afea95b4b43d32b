import type { DeploymentSettings } from '../api/deps';
import {
  InvalidParameterException,
  OrganizationStateException,
  ResourceNotFoundException,
} from '../api/errors';
import { allowsOrganization, type OperationContext } from '../api/operation';
import type { Organization } from './types';

const ORGANIZATION_ARN = /^arn:aws:workmail:([a-z0-9-]*):([a-z0-9-]+):organization\/(.+)$/;
const ORGANIZATION_ID = /^m-[0-9a-f]{32}$/;

/**
 * The ARN of an organization: `arn:aws:workmail:<region>:<account>:organization/<id>`.
 * @example
 * organizationArn(settings, 'm-0123456789abcdef0123456789abcdef');
 */
export function organizationArn(
  settings: Pick<DeploymentSettings, 'region' | 'accountId'>,
  organizationId: string,
): string {
  return `arn:aws:workmail:${settings.region}:${settings.accountId}:organization/${organizationId}`;
}

/**
 * The organization id an ARN names, for tagging (only organizations can be tagged).
 * @param arn - a `ResourceARN` that already matched the WorkMail ARN pattern
 * @throws InvalidParameterException when it names an organization with a malformed id
 * @throws ResourceNotFoundException when it names another resource type, Region or account
 * @example
 * const organizationId = organizationIdFromArn(settings, input.ResourceARN);
 */
export function organizationIdFromArn(
  settings: Pick<DeploymentSettings, 'region' | 'accountId'>,
  arn: string,
): string {
  const match = ORGANIZATION_ARN.exec(arn);
  if (!match) throw new ResourceNotFoundException(`The resource ${arn} cannot be found.`);
  const [, region, account, organizationId] = match;
  if (!ORGANIZATION_ID.test(organizationId)) {
    throw new InvalidParameterException(`The ARN ${arn} does not name a valid organization id.`);
  }
  if (region !== settings.region || account !== settings.accountId) {
    throw new ResourceNotFoundException(`The resource ${arn} cannot be found.`);
  }
  return organizationId;
}

/**
 * Loads the organization a tagging call names by ARN, hiding organizations outside the caller's scope and deleted
 * ones as missing resources.
 * @param options - `mustBeActive` refuses organizations that are not Active (OrganizationStateException)
 * @throws ResourceNotFoundException when the ARN names nothing the caller may see
 * @example
 * const organization = await requireTaggedOrganization(ctx, input.ResourceARN);
 */
export async function requireTaggedOrganization(
  ctx: Pick<OperationContext, 'deps' | 'principal'>,
  arn: string,
  options: { mustBeActive?: boolean } = {},
): Promise<Organization> {
  const organizationId = organizationIdFromArn(ctx.deps.settings, arn);
  const organization = await ctx.deps.organizations.getOrganization(organizationId);
  if (
    !organization ||
    organization.state === 'Deleted' ||
    !allowsOrganization(ctx.principal, organizationId)
  ) {
    throw new ResourceNotFoundException(`The resource ${arn} cannot be found.`);
  }
  if (options.mustBeActive && organization.state !== 'Active') {
    throw new OrganizationStateException(
      `The organization ${organizationId} is ${organization.state}, not Active.`,
    );
  }
  return organization;
}

import type { Operation } from '../../operation';
import { createOrganization } from './create-organization';
import { deleteOrganization } from './delete-organization';
import { deregisterMailDomain } from './deregister-mail-domain';
import { describeInboundDmarcSettings } from './describe-inbound-dmarc-settings';
import { describeOrganization } from './describe-organization';
import { getMailDomain } from './get-mail-domain';
import { listMailDomains } from './list-mail-domains';
import { listOrganizations } from './list-organizations';
import { listTagsForResource } from './list-tags-for-resource';
import { putInboundDmarcSettings } from './put-inbound-dmarc-settings';
import { registerMailDomain } from './register-mail-domain';
import { tagResource } from './tag-resource';
import { untagResource } from './untag-resource';
import { updateDefaultMailDomain } from './update-default-mail-domain';

export { createOrganization } from './create-organization';
export { deleteOrganization } from './delete-organization';
export { deregisterMailDomain } from './deregister-mail-domain';
export { describeInboundDmarcSettings } from './describe-inbound-dmarc-settings';
export { describeOrganization } from './describe-organization';
export { getMailDomain } from './get-mail-domain';
export { listMailDomains } from './list-mail-domains';
export { listOrganizations } from './list-organizations';
export { listTagsForResource } from './list-tags-for-resource';
export { putInboundDmarcSettings } from './put-inbound-dmarc-settings';
export { registerMailDomain } from './register-mail-domain';
export { tagResource } from './tag-resource';
export { untagResource } from './untag-resource';
export { updateDefaultMailDomain } from './update-default-mail-domain';

/** The organizations operations of the catalog: organizations, tags, mail domains and inbound DMARC settings. */
export const organizationOperations: readonly Operation[] = [
  createOrganization,
  describeOrganization,
  listOrganizations,
  deleteOrganization,
  tagResource,
  untagResource,
  listTagsForResource,
  registerMailDomain,
  deregisterMailDomain,
  getMailDomain,
  listMailDomains,
  updateDefaultMailDomain,
  putInboundDmarcSettings,
  describeInboundDmarcSettings,
];

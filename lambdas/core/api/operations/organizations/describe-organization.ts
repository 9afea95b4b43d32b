import { Type } from '@sinclair/typebox';
import { defineOperation } from '../../operation';
import { OrganizationAlias, OrganizationId, Timestamp, toTimestamp } from '../../shapes';
import { requireOrganization } from '../../../directory/guards';

const Text = Type.String({ maxLength: 256 });

/** DescribeOrganization: the organization's alias, state, directory, default domain and ARN. */
export const describeOrganization = defineOperation({
  name: 'DescribeOrganization',
  service: 'WorkMailService',
  summary: 'Returns the details of an organization.',
  input: Type.Object({ OrganizationId }),
  output: Type.Object({
    OrganizationId: Type.Optional(OrganizationId),
    Alias: Type.Optional(OrganizationAlias),
    State: Type.Optional(Text),
    DirectoryId: Type.Optional(Text),
    DirectoryType: Type.Optional(Text),
    DefaultMailDomain: Type.Optional(Text),
    CompletedDate: Type.Optional(Timestamp),
    ErrorMessage: Type.Optional(Text),
    ARN: Type.Optional(Type.String({ minLength: 1, maxLength: 1011 })),
    MigrationAdmin: Type.Optional(Type.String()),
    InteroperabilityEnabled: Type.Optional(Type.Boolean()),
  }),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}' },
  mutating: false,
  handle: async ({ OrganizationId: organizationId }, { deps }) => {
    const organization = await requireOrganization(deps, organizationId, { mustBeActive: false });
    return {
      OrganizationId: organization.organizationId,
      Alias: organization.alias,
      State: organization.state,
      DirectoryId: organization.directoryId,
      DirectoryType: organization.directoryType,
      DefaultMailDomain: organization.defaultMailDomain,
      ...(organization.completedAt === undefined
        ? {}
        : { CompletedDate: toTimestamp(organization.completedAt) }),
      ARN: organization.arn,
      InteroperabilityEnabled: organization.interoperabilityEnabled,
    };
  },
});

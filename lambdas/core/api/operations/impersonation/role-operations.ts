import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { withClientToken } from '../../../directory/client-tokens';
import { requireOrganization } from '../../../directory/guards';
import { resolveEntity } from '../../../directory/resolve-entity';
import type { ImpersonationRole } from '../../../impersonation/types';
import type { ApiDeps } from '../../deps';
import { LimitExceededException, ResourceNotFoundException } from '../../errors';
import { defineOperation } from '../../operation';
import { listPage } from '../../pagination';
import { ClientToken, NextToken, OrganizationId, Timestamp, toTimestamp } from '../../shapes';
import {
  RoleDescription,
  RoleId,
  RoleName,
  RoleSummary,
  RoleType,
  Rules,
  roleSummary,
  rulesToWire,
  toRules,
  requireRole,
} from './shapes';

type RoleInput = {
  readonly OrganizationId: string;
  readonly Name: string;
  readonly Type: 'FULL_ACCESS' | 'READ_ONLY';
  readonly Description?: string;
  readonly Rules: Parameters<typeof toRules>[0];
};

/** The role a request describes; every target user must exist in the organization (by id, name or address). */
async function roleOf(deps: ApiDeps, roleId: string, input: RoleInput): Promise<ImpersonationRole> {
  await requireOrganization(deps, input.OrganizationId);
  const rules = toRules(input.Rules);
  for (const rule of rules)
    for (const target of [...rule.targetUsers, ...rule.notTargetUsers])
      await resolveEntity(deps, input.OrganizationId, target, {
        forms: 'id|name|email',
        kinds: ['USER'],
        field: 'TargetUsers',
      });
  const now = deps.clock().getTime();
  return {
    roleId,
    name: input.Name,
    type: input.Type,
    ...(input.Description === undefined ? {} : { description: input.Description }),
    rules,
    createdAt: now,
    modifiedAt: now,
  };
}

const RoleFields = {
  OrganizationId,
  Name: RoleName,
  Type: RoleType,
  Description: Type.Optional(RoleDescription),
  Rules,
};

/** CreateImpersonationRole: a new role (at most 20 per organization), idempotent with a ClientToken. */
export const createImpersonationRole = defineOperation({
  name: 'CreateImpersonationRole',
  service: 'WorkMailService',
  summary:
    "Creates an impersonation role: an application's access to users' mailboxes without their credentials.",
  input: Type.Object({ ClientToken: Type.Optional(ClientToken), ...RoleFields }),
  output: Type.Object({ ImpersonationRoleId: RoleId }),
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'LimitExceededException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
  ],
  route: { method: 'POST', path: '/organizations/{OrganizationId}/impersonation-roles' },
  mutating: true,
  handle: (input, { deps }) =>
    withClientToken(deps, 'CreateImpersonationRole', input, async () => {
      const role = await roleOf(deps, randomUUID(), input);
      if ((await deps.impersonation.writeRole(input.OrganizationId, role, 'create')) === 'LIMIT_EXCEEDED')
        throw new LimitExceededException('The organization already has 20 impersonation roles.');
      return { ImpersonationRoleId: role.roleId };
    }),
});

/** UpdateImpersonationRole: replaces the role's name, type, description and rules. */
export const updateImpersonationRole = defineOperation({
  name: 'UpdateImpersonationRole',
  service: 'WorkMailService',
  summary: 'Replaces an impersonation role.',
  input: Type.Object({ ImpersonationRoleId: RoleId, ...RoleFields }),
  output: Type.Object({}),
  errors: [
    'EntityNotFoundException',
    'EntityStateException',
    'InvalidParameterException',
    'LimitExceededException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ResourceNotFoundException',
  ],
  route: { method: 'PUT', path: '/organizations/{OrganizationId}/impersonation-roles/{ImpersonationRoleId}' },
  mutating: true,
  handle: async (input, { deps }) => {
    const role = await roleOf(deps, input.ImpersonationRoleId, input);
    if ((await deps.impersonation.writeRole(input.OrganizationId, role, 'replace')) === 'NOT_FOUND')
      throw new ResourceNotFoundException(`No impersonation role ${input.ImpersonationRoleId}.`);
    return {};
  },
});

/** DeleteImpersonationRole: its tokens stop working at once; a missing role is not an error. */
export const deleteImpersonationRole = defineOperation({
  name: 'DeleteImpersonationRole',
  service: 'WorkMailService',
  summary: 'Deletes an impersonation role (a missing one is not an error).',
  input: Type.Object({ OrganizationId, ImpersonationRoleId: RoleId }),
  output: Type.Object({}),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: {
    method: 'DELETE',
    path: '/organizations/{OrganizationId}/impersonation-roles/{ImpersonationRoleId}',
  },
  mutating: true,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    await deps.impersonation.deleteRole(input.OrganizationId, input.ImpersonationRoleId);
    return {};
  },
});

/** GetImpersonationRole: the role with its rules. */
export const getImpersonationRole = defineOperation({
  name: 'GetImpersonationRole',
  service: 'WorkMailService',
  summary: 'Returns an impersonation role with its rules.',
  input: Type.Object({ OrganizationId, ImpersonationRoleId: RoleId }),
  output: Type.Object({
    ImpersonationRoleId: RoleId,
    Name: RoleName,
    Type: RoleType,
    Description: Type.Optional(RoleDescription),
    Rules,
    DateCreated: Timestamp,
    DateModified: Timestamp,
  }),
  errors: [
    'InvalidParameterException',
    'OrganizationNotFoundException',
    'OrganizationStateException',
    'ResourceNotFoundException',
  ],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/impersonation-roles/{ImpersonationRoleId}' },
  mutating: false,
  handle: async (input, { deps }) => {
    const role = await requireRole(deps, input.OrganizationId, input.ImpersonationRoleId);
    return {
      ImpersonationRoleId: role.roleId,
      Name: role.name,
      Type: role.type,
      ...(role.description === undefined ? {} : { Description: role.description }),
      Rules: rulesToWire(role.rules),
      DateCreated: toTimestamp(role.createdAt),
      DateModified: toTimestamp(role.modifiedAt),
    };
  },
});

/** ListImpersonationRoles: role summaries (no rules), paginated. */
export const listImpersonationRoles = defineOperation({
  name: 'ListImpersonationRoles',
  service: 'WorkMailService',
  summary: "Lists the organization's impersonation roles.",
  input: Type.Object({
    OrganizationId,
    NextToken: Type.Optional(NextToken),
    MaxResults: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  }),
  output: Type.Object({ Roles: Type.Array(RoleSummary), NextToken: Type.Optional(NextToken) }),
  errors: ['InvalidParameterException', 'OrganizationNotFoundException', 'OrganizationStateException'],
  route: { method: 'GET', path: '/organizations/{OrganizationId}/impersonation-roles' },
  mutating: false,
  handle: async (input, { deps }) => {
    await requireOrganization(deps, input.OrganizationId);
    const page = await listPage(
      deps.pageTokens,
      `ListImpersonationRoles|${input.OrganizationId}`,
      input,
      (request) => deps.impersonation.listRoles(input.OrganizationId, request),
    );
    return { Roles: page.items.map(roleSummary), ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
  },
});

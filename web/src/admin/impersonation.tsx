import { useState } from 'preact/hooks';
import { ActionForm } from './action-form';
import { call, callAll, type AdminSession } from './api';
import { dateTime, joined, optionalList } from './fields';
import { useLoad } from './use-load';

/** A role as ListImpersonationRoles returns it. */
export interface ImpersonationRoleSummary {
  readonly ImpersonationRoleId: string;
  readonly Name: string;
  readonly Type: 'FULL_ACCESS' | 'READ_ONLY';
  readonly DateModified: number;
}
interface ImpersonationRule {
  readonly ImpersonationRuleId: string;
  readonly Effect: 'ALLOW' | 'DENY';
  readonly TargetUsers?: string[];
  readonly NotTargetUsers?: string[];
}
interface ImpersonationRole extends ImpersonationRoleSummary {
  readonly Description?: string;
  readonly Rules: ImpersonationRule[];
}

/** Every impersonation role of the organization (ListImpersonationRoles pages hold at most 20). */
export const listImpersonationRoles = (session: AdminSession, organizationId: string) =>
  callAll<ImpersonationRoleSummary>(
    session,
    'WorkMailService.ListImpersonationRoles',
    { OrganizationId: organizationId },
    'Roles',
    20,
  );

/** The role's fields and rules from a role form (rule rows are `rule<N>-…`). */
function roleBody(fields: Record<string, string>, ruleCount: number) {
  return {
    Name: fields.Name,
    Type: fields.Type,
    ...(fields.Description ? { Description: fields.Description } : {}),
    Rules: Array.from({ length: ruleCount }, (_, index) => ({
      ImpersonationRuleId: `rule-${index + 1}`,
      Effect: fields[`rule${index}-Effect`],
      ...optionalList('TargetUsers', fields[`rule${index}-TargetUsers`]),
      ...optionalList('NotTargetUsers', fields[`rule${index}-NotTargetUsers`]),
    })),
  };
}

/** A form for a role's name, type, description and rules: creates one, or (given `role`) replaces it. */
function RoleForm(props: {
  label: string;
  submit: string;
  role?: ImpersonationRole;
  save: (body: ReturnType<typeof roleBody>) => Promise<string>;
}) {
  const [ruleCount, setRuleCount] = useState(props.role?.Rules.length ?? 1);
  return (
    <ActionForm
      label={props.label}
      submit={props.submit}
      stacked
      run={(fields) => props.save(roleBody(fields, ruleCount))}
    >
      <div class="grid">
        <label>
          Role name
          <input name="Name" required maxLength={64} defaultValue={props.role?.Name} />
        </label>
        <label>
          Access
          <select name="Type" defaultValue={props.role?.Type ?? 'READ_ONLY'}>
            <option value="READ_ONLY">Read only</option>
            <option value="FULL_ACCESS">Full access</option>
          </select>
        </label>
      </div>
      <label>
        Description
        <input name="Description" maxLength={256} defaultValue={props.role?.Description} />
      </label>
      <p>
        Rules: target users are names, addresses or ids, comma-separated; a rule with neither list applies to
        everyone. A matching DENY wins; without a matching ALLOW the role reaches nobody.
      </p>
      {Array.from({ length: ruleCount }, (_, index) => {
        const rule = props.role?.Rules[index];
        return (
          <div class="grid" key={index}>
            <label>
              Rule {index + 1} effect
              <select name={`rule${index}-Effect`} defaultValue={rule?.Effect ?? 'ALLOW'}>
                <option value="ALLOW">Allow</option>
                <option value="DENY">Deny</option>
              </select>
            </label>
            <label>
              Rule {index + 1} target users
              <input name={`rule${index}-TargetUsers`} defaultValue={rule?.TargetUsers?.join(', ')} />
            </label>
            <label>
              Rule {index + 1} users not targeted
              <input name={`rule${index}-NotTargetUsers`} defaultValue={rule?.NotTargetUsers?.join(', ')} />
            </label>
          </div>
        );
      })}
      <div class="grid">
        <button
          type="button"
          class="secondary"
          disabled={ruleCount >= 10}
          onClick={() => setRuleCount(ruleCount + 1)}
        >
          Add a rule
        </button>
        <button
          type="button"
          class="secondary"
          disabled={ruleCount === 0}
          onClick={() => setRuleCount(ruleCount - 1)}
        >
          Remove the last rule
        </button>
      </div>
    </ActionForm>
  );
}

/** One role's rules, a form that replaces it, and its delete button. */
function RoleDetails(props: {
  session: AdminSession;
  organizationId: string;
  roleId: string;
  onChanged: () => void;
}) {
  const key = { OrganizationId: props.organizationId, ImpersonationRoleId: props.roleId };
  const role = useLoad(
    () => call<ImpersonationRole>(props.session, 'WorkMailService.GetImpersonationRole', key),
    [props.roleId],
  );
  if (!role.value) return <p aria-busy={!role.error}>{role.error}</p>;
  return (
    <article aria-label={`Impersonation role ${role.value.Name}`}>
      <p>{role.value.Description}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Effect</th>
            <th scope="col">Target users</th>
            <th scope="col">Users not targeted</th>
          </tr>
        </thead>
        <tbody>
          {role.value.Rules.map((rule) => (
            <tr key={rule.ImpersonationRuleId}>
              <td>{rule.ImpersonationRuleId}</td>
              <td>{rule.Effect}</td>
              <td>{rule.TargetUsers || rule.NotTargetUsers ? joined(rule.TargetUsers) : 'everyone'}</td>
              <td>{joined(rule.NotTargetUsers)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <RoleForm
        label={`Edit role ${role.value.Name}`}
        submit="Save role"
        role={role.value}
        save={async (body) => {
          await call(props.session, 'WorkMailService.UpdateImpersonationRole', { ...key, ...body });
          role.reload();
          props.onChanged();
          return `Role ${body.Name} saved`;
        }}
      />
      <ActionForm
        label={`Delete role ${role.value.Name}`}
        submit="Delete role"
        run={async () => {
          await call(props.session, 'WorkMailService.DeleteImpersonationRole', key);
          props.onChanged();
        }}
      />
    </article>
  );
}

/** Impersonation roles: applications' access to users' mailboxes without their passwords, limited by rules. */
export function Impersonation(props: { session: AdminSession; organizationId: string }) {
  const roles = useLoad(
    () => listImpersonationRoles(props.session, props.organizationId),
    [props.organizationId],
  );
  return (
    <section aria-labelledby="impersonation-heading">
      <h3 id="impersonation-heading">Impersonation roles</h3>
      {roles.error && <p role="alert">{roles.error}</p>}
      {(roles.value ?? []).map((role) => (
        <details key={role.ImpersonationRoleId}>
          <summary>
            {role.Name} · {role.Type === 'READ_ONLY' ? 'read only' : 'full access'} · modified{' '}
            {dateTime(role.DateModified)}
          </summary>
          <RoleDetails
            session={props.session}
            organizationId={props.organizationId}
            roleId={role.ImpersonationRoleId}
            onChanged={roles.reload}
          />
        </details>
      ))}
      <h4>New role</h4>
      <RoleForm
        label="Create impersonation role"
        submit="Create role"
        save={async (body) => {
          await call(props.session, 'WorkMailService.CreateImpersonationRole', {
            OrganizationId: props.organizationId,
            ...body,
          });
          roles.reload();
          return `Role ${body.Name} created`;
        }}
      />
    </section>
  );
}

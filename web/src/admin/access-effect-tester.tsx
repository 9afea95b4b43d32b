import { ACCESS_CONTROL_ACTIONS } from '../../../lambdas/core/access-control/types';
import { ActionForm } from './action-form';
import { call, type AdminSession } from './api';
import type { ImpersonationRoleSummary } from './impersonation';
import type { User } from './users';

/**
 * "Test this rule set": what the current access control rules decide for a user or an impersonation role, over a
 * protocol, from an address (GetAccessControlEffect), with the rules that matched.
 */
export function AccessEffectTester(props: {
  session: AdminSession;
  organizationId: string;
  users: readonly User[];
  roles: readonly ImpersonationRoleSummary[];
}) {
  return (
    <section aria-labelledby="access-effect-heading">
      <h4 id="access-effect-heading">Test the rules</h4>
      <ActionForm
        label="Test access control rules"
        submit="Test"
        run={async ({ Who, IpAddress, Action }) => {
          // The select's values say which kind of principal they name.
          const [kind, id] = [Who.slice(0, Who.indexOf(':')), Who.slice(Who.indexOf(':') + 1)];
          const result = await call<{ Effect: string; MatchedRules: string[] }>(
            props.session,
            'WorkMailService.GetAccessControlEffect',
            {
              OrganizationId: props.organizationId,
              IpAddress,
              Action,
              ...(kind === 'role' ? { ImpersonationRoleId: id } : { UserId: id }),
            },
          );
          return `${result.Effect}: ${
            result.MatchedRules.length > 0 ? `matched ${result.MatchedRules.join(', ')}` : 'no rule matched'
          }`;
        }}
      >
        <select name="Who" aria-label="User or impersonation role" required>
          <optgroup label="Users">
            {props.users.map((user) => (
              <option key={user.Id} value={`user:${user.Id}`}>
                {user.DisplayName || user.Name}
              </option>
            ))}
          </optgroup>
          <optgroup label="Impersonation roles">
            {props.roles.map((role) => (
              <option key={role.ImpersonationRoleId} value={`role:${role.ImpersonationRoleId}`}>
                {role.Name}
              </option>
            ))}
          </optgroup>
        </select>
        <select name="Action" aria-label="Protocol" required>
          {ACCESS_CONTROL_ACTIONS.map((action) => (
            <option key={action}>{action}</option>
          ))}
        </select>
        <input name="IpAddress" aria-label="IP address" placeholder="203.0.113.7" required />
      </ActionForm>
    </section>
  );
}

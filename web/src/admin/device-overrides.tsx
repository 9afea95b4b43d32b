import { ActionForm } from './action-form';
import { call, callAll, type AdminSession } from './api';
import { dateTime } from './fields';
import { listUsers } from './users';
import { useLoad } from './use-load';

/** An override as ListMobileDeviceAccessOverrides returns it. */
interface DeviceOverride {
  readonly UserId: string;
  readonly DeviceId: string;
  readonly Effect: 'ALLOW' | 'DENY';
  readonly Description?: string;
  readonly DateModified: number;
}

/** Overrides: ALLOW or DENY for one user's device, whatever the rules say. */
export function DeviceOverrides(props: { session: AdminSession; organizationId: string }) {
  const organization = { OrganizationId: props.organizationId };
  const overrides = useLoad(
    () =>
      callAll<DeviceOverride>(
        props.session,
        'WorkMailService.ListMobileDeviceAccessOverrides',
        organization,
        'Overrides',
      ),
    [props.organizationId],
  );
  const users = useLoad(() => listUsers(props.session, props.organizationId), [props.organizationId]);
  const userName = (id: string) => users.value?.find((user) => user.Id === id)?.Name ?? id;
  return (
    <section aria-labelledby="device-overrides-heading">
      <h4 id="device-overrides-heading">Device overrides</h4>
      {overrides.error && <p role="alert">{overrides.error}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Device ID</th>
            <th scope="col">Effect</th>
            <th scope="col">Description</th>
            <th scope="col">Modified</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(overrides.value ?? []).map((override) => (
            <tr key={`${override.UserId} ${override.DeviceId}`}>
              <td>{userName(override.UserId)}</td>
              <td>
                <code>{override.DeviceId}</code>
              </td>
              <td>{override.Effect}</td>
              <td>{override.Description ?? ''}</td>
              <td>{dateTime(override.DateModified)}</td>
              <td>
                <ActionForm
                  label={`Delete the override of ${override.DeviceId}`}
                  submit="Delete"
                  run={async () => {
                    await call(props.session, 'WorkMailService.DeleteMobileDeviceAccessOverride', {
                      ...organization,
                      UserId: override.UserId,
                      DeviceId: override.DeviceId,
                    });
                    overrides.reload();
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ActionForm
        label="Save device override"
        submit="Save override"
        run={async ({ UserId, DeviceId, Effect, Description }) => {
          await call(props.session, 'WorkMailService.PutMobileDeviceAccessOverride', {
            ...organization,
            UserId,
            DeviceId,
            Effect,
            ...(Description ? { Description } : {}),
          });
          overrides.reload();
          return `Override for ${DeviceId} saved`;
        }}
      >
        <select name="UserId" aria-label="User" required>
          {(users.value ?? []).map((user) => (
            <option key={user.Id} value={user.Id}>
              {user.DisplayName || user.Name}
            </option>
          ))}
        </select>
        <input
          name="DeviceId"
          aria-label="Device ID"
          placeholder="device ID"
          required
          pattern="[A-Za-z0-9]{1,32}"
        />
        <select name="Effect" aria-label="Override effect">
          <option value="ALLOW">Allow</option>
          <option value="DENY">Deny</option>
        </select>
        <input
          name="Description"
          aria-label="Override description"
          placeholder="description"
          maxLength={256}
        />
      </ActionForm>
    </section>
  );
}

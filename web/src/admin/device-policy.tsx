import { ActionForm } from './action-form';
import { call, type AdminSession } from './api';
import { dateTime } from './fields';
import { useLoad } from './use-load';

/** The switches of the device policy, with their labels. */
const SWITCHES = [
  ['RequireDeviceEncryption', 'Require device encryption'],
  ['RequireStorageCardEncryption', 'Require storage card encryption'],
  ['PasswordRequired', 'Require a password'],
  ['AllowSimplePassword', 'Allow a simple password (1234)'],
  ['RequireAlphanumericPassword', 'Require letters and digits'],
] as const;

/** The numbers of the device policy, with their labels and ActiveSync's ranges. */
const NUMBERS = [
  ['MinPasswordLength', 'Minimum password length', 1, 16],
  ['MaxFailedAttempts', 'Failed unlocks before a wipe', 4, 16],
  ['PasswordExpirationDays', 'Password expires after (days)', 1, 730],
  ['ScreenLockSeconds', 'Screen locks after (seconds idle)', 1, 9999],
  ['PasswordHistory', 'Passwords remembered', 1, 50],
] as const;

type Policy = { readonly [K in (typeof SWITCHES)[number][0]]: boolean } & {
  readonly [K in (typeof NUMBERS)[number][0]]?: number;
} & { readonly DateModified?: number };

/**
 * The organization's mobile device policy, which ActiveSync devices are asked to enforce (Get/PutMobileDevicePolicy;
 * until one is saved, nothing is required). An empty number is no limit.
 */
export function DevicePolicy(props: { session: AdminSession; organizationId: string }) {
  const organization = { OrganizationId: props.organizationId };
  const policy = useLoad(
    () => call<Policy>(props.session, 'MailwrightService.GetMobileDevicePolicy', organization),
    [props.organizationId],
  );
  if (!policy.value) return <p aria-busy={!policy.error}>{policy.error}</p>;
  const current = policy.value;
  return (
    <section aria-labelledby="device-policy-heading">
      <h4 id="device-policy-heading">Device policy</h4>
      <p>
        {current.DateModified
          ? `Saved ${dateTime(current.DateModified)}.`
          : 'The default: nothing is required until a policy is saved.'}
      </p>
      <ActionForm
        label="Device policy"
        submit="Save policy"
        stacked
        run={async (fields) => {
          const numbers = NUMBERS.filter(([key]) => fields[key]).map(([key]) => [key, Number(fields[key])]);
          await call(props.session, 'MailwrightService.PutMobileDevicePolicy', {
            ...organization,
            ...Object.fromEntries(SWITCHES.map(([key]) => [key, fields[key] === 'on'])),
            ...Object.fromEntries(numbers),
          });
          policy.reload();
          return 'Device policy saved';
        }}
      >
        {SWITCHES.map(([key, label]) => (
          <label key={key}>
            <input name={key} type="checkbox" role="switch" defaultChecked={current[key]} />
            {label}
          </label>
        ))}
        <div class="grid">
          {NUMBERS.map(([key, label, min, max]) => (
            <label key={key}>
              {label}
              <input name={key} type="number" min={min} max={max} defaultValue={current[key]?.toString()} />
            </label>
          ))}
        </div>
      </ActionForm>
    </section>
  );
}

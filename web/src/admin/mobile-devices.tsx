import { ActionForm } from './action-form';
import { call, type AdminSession } from './api';
import { DeviceOverrides } from './device-overrides';
import { DevicePolicy } from './device-policy';
import { DeviceRules } from './device-rules';

/** Tests the device rules (not the overrides) against a device's reported properties (GetMobileDeviceAccessEffect). */
function DeviceEffectTester(props: { session: AdminSession; organizationId: string }) {
  return (
    <section aria-labelledby="device-effect-heading">
      <h4 id="device-effect-heading">Test the device rules</h4>
      <ActionForm
        label="Test device access rules"
        submit="Test"
        run={async (fields) => {
          const reported = Object.entries(fields).filter(([, value]) => value);
          const result = await call<{ Effect: string; MatchedRules: { Name: string }[] }>(
            props.session,
            'WorkMailService.GetMobileDeviceAccessEffect',
            { OrganizationId: props.organizationId, ...Object.fromEntries(reported) },
          );
          const matched = result.MatchedRules.map((rule) => rule.Name);
          return `${result.Effect}: ${matched.length > 0 ? `matched ${matched.join(', ')}` : 'no rule matched'}`;
        }}
      >
        <input name="DeviceType" aria-label="Device type" placeholder="type (iPhone)" />
        <input name="DeviceModel" aria-label="Device model" placeholder="model" />
        <input name="DeviceOperatingSystem" aria-label="Operating system" placeholder="operating system" />
        <input name="DeviceUserAgent" aria-label="User agent" placeholder="user agent" />
      </ActionForm>
    </section>
  );
}

/**
 * Mobile devices (ActiveSync): the rules that let devices sync or not, a tester for them, per-device overrides,
 * and the policy devices are asked to enforce.
 */
export function MobileDevices(props: { session: AdminSession; organizationId: string }) {
  return (
    <section aria-labelledby="mobile-devices-heading">
      <h3 id="mobile-devices-heading">Mobile devices</h3>
      <DeviceRules session={props.session} organizationId={props.organizationId} />
      <DeviceEffectTester session={props.session} organizationId={props.organizationId} />
      <DeviceOverrides session={props.session} organizationId={props.organizationId} />
      <DevicePolicy session={props.session} organizationId={props.organizationId} />
    </section>
  );
}

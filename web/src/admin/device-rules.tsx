import { ActionForm } from './action-form';
import { call, type AdminSession } from './api';
import { joined, optionalList } from './fields';
import { useLoad } from './use-load';

/** The condition lists of a mobile device access rule, with their labels. */
const CONDITIONS = [
  ['DeviceTypes', 'Device types'],
  ['NotDeviceTypes', 'Not device types'],
  ['DeviceModels', 'Models'],
  ['NotDeviceModels', 'Not models'],
  ['DeviceOperatingSystems', 'Operating systems'],
  ['NotDeviceOperatingSystems', 'Not operating systems'],
  ['DeviceUserAgents', 'User agents'],
  ['NotDeviceUserAgents', 'Not user agents'],
] as const;
type Condition = (typeof CONDITIONS)[number][0];

/** A rule as ListMobileDeviceAccessRules returns it (empty condition lists left out). */
type DeviceRule = {
  readonly MobileDeviceAccessRuleId: string;
  readonly Name: string;
  readonly Description?: string;
  readonly Effect: 'ALLOW' | 'DENY';
} & { readonly [K in Condition]?: string[] };

/** Mobile device access rules: which phones may sync over ActiveSync, by type, model, system and user agent. */
export function DeviceRules(props: { session: AdminSession; organizationId: string }) {
  const organization = { OrganizationId: props.organizationId };
  const rules = useLoad(
    () =>
      call<{ Rules: DeviceRule[] }>(
        props.session,
        'WorkMailService.ListMobileDeviceAccessRules',
        organization,
      ),
    [props.organizationId],
  );
  return (
    <section aria-labelledby="device-rules-heading">
      <h4 id="device-rules-heading">Device access rules</h4>
      {rules.error && <p role="alert">{rules.error}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Effect</th>
            <th scope="col">Conditions</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(rules.value?.Rules ?? []).map((rule) => (
            <tr key={rule.MobileDeviceAccessRuleId}>
              <td>
                {rule.Name}
                {rule.Description && <small> — {rule.Description}</small>}
              </td>
              <td>{rule.Effect}</td>
              <td>
                {CONDITIONS.some(([key]) => rule[key])
                  ? CONDITIONS.filter(([key]) => rule[key]).map(([key, label]) => (
                      <div key={key}>
                        {label}: {joined(rule[key])}
                      </div>
                    ))
                  : 'every device'}
              </td>
              <td>
                <ActionForm
                  label={`Delete device rule ${rule.Name}`}
                  submit="Delete"
                  run={async () => {
                    await call(props.session, 'WorkMailService.DeleteMobileDeviceAccessRule', {
                      ...organization,
                      MobileDeviceAccessRuleId: rule.MobileDeviceAccessRuleId,
                    });
                    rules.reload();
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h5>New device rule</h5>
      <ActionForm
        label="Create device access rule"
        submit="Create rule"
        stacked
        run={async (fields) => {
          await call(props.session, 'WorkMailService.CreateMobileDeviceAccessRule', {
            ...organization,
            Name: fields.Name,
            Effect: fields.Effect,
            ...(fields.Description ? { Description: fields.Description } : {}),
            ...Object.assign({}, ...CONDITIONS.map(([key]) => optionalList(key, fields[key]))),
          });
          rules.reload();
          return `Device rule ${fields.Name} created`;
        }}
      >
        <div class="grid">
          <label>
            Rule name
            <input name="Name" required maxLength={64} />
          </label>
          <label>
            Effect
            <select name="Effect">
              <option value="DENY">Deny</option>
              <option value="ALLOW">Allow</option>
            </select>
          </label>
          <label>
            Description
            <input name="Description" maxLength={256} />
          </label>
        </div>
        <p>
          Lists are comma-separated; each value matches what a device reports that starts with it, in any case
          (iPhone, Android 1); $NONE matches a device that reports nothing.
        </p>
        {[0, 2, 4, 6].map((index) => (
          <div class="grid" key={index}>
            {CONDITIONS.slice(index, index + 2).map(([key, label]) => (
              <label key={key}>
                {label}
                <input name={key} />
              </label>
            ))}
          </div>
        ))}
      </ActionForm>
    </section>
  );
}

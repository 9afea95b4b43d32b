import { useState } from 'preact/hooks';
import { ActionForm } from './action-form';
import { call, callAll, type AdminSession } from './api';
import { FlowRuleForm, type FlowRule } from './flow-rule-form';
import { FlowRuleTester } from './flow-rule-tester';
import { useLoad } from './use-load';

/**
 * The organization's email flow rules (ListEmailFlowRules), each editable and deletable (UpdateEmailFlowRule,
 * DeleteEmailFlowRule), a form that creates one, and the rule tester.
 */
export function FlowRules(props: { session: AdminSession; organizationId: string }) {
  const rules = useLoad(
    () =>
      callAll<FlowRule>(
        props.session,
        'MailwrightService.ListEmailFlowRules',
        { OrganizationId: props.organizationId },
        'Rules',
      ),
    [props.organizationId],
  );
  // The rule being edited, found again in each load so its form shows what was saved.
  const [editingKey, setEditingKey] = useState<string>();
  const keyOf = (rule: FlowRule) => `${rule.Direction} ${rule.Name}`;
  const editing = rules.value?.find((rule) => keyOf(rule) === editingKey);
  return (
    <section aria-labelledby="flow-rules-heading">
      <h3 id="flow-rules-heading">Email flow rules</h3>
      <p>
        Rules decide, per recipient, what happens to mail the organization receives (inbound) or sends
        (outbound). The most specific sender pattern wins, then the most specific recipient pattern, then the
        most restrictive action.
      </p>
      {rules.error && <p role="alert">{rules.error}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">Direction</th>
            <th scope="col">Name</th>
            <th scope="col">Action</th>
            <th scope="col">Senders</th>
            <th scope="col">Recipients</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {(rules.value ?? []).map((rule) => (
            <tr key={keyOf(rule)}>
              <td>{rule.Direction}</td>
              <td>{rule.Name}</td>
              <td>{rule.Synchronous ? `${rule.Action} (synchronous)` : rule.Action}</td>
              <td>{rule.SenderPatterns.join(', ')}</td>
              <td>{rule.DestinationPatterns.join(', ')}</td>
              <td>
                <button
                  class="secondary outline"
                  aria-label={`Edit ${rule.Name}`}
                  onClick={() => setEditingKey(keyOf(rule))}
                >
                  Edit
                </button>
                <ActionForm
                  label={`Delete rule ${rule.Name}`}
                  submit="Delete"
                  run={async () => {
                    await call(props.session, 'MailwrightService.DeleteEmailFlowRule', {
                      OrganizationId: props.organizationId,
                      Direction: rule.Direction,
                      Name: rule.Name,
                    });
                    rules.reload();
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FlowRuleForm
        key={editing ? keyOf(editing) : 'new'}
        session={props.session}
        organizationId={props.organizationId}
        rule={editing}
        onSaved={rules.reload}
        onClose={() => setEditingKey(undefined)}
      />
      <FlowRuleTester session={props.session} organizationId={props.organizationId} />
    </section>
  );
}

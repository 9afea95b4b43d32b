import { useState } from 'preact/hooks';
import { ActionForm } from './action-form';
import { call, type AdminSession } from './api';
import { Choices } from './choices';
import { DIRECTIONS, type FlowRule } from './flow-rule-form';

/** What TestEmailFlowRules answers for one recipient. */
interface Verdict {
  readonly Action: string;
  readonly DeliveryAction: string;
  readonly MatchedRule?: FlowRule;
  readonly MatchedSenderPattern?: string;
  readonly MatchedDestinationPattern?: string;
  readonly MatchedHeader?: string;
}

interface Tested {
  readonly sender: string;
  readonly verdicts: readonly (Verdict & { readonly recipient: string })[];
}

/**
 * The console's "Test configuration": for a sender and some recipients, what the current rules do to each recipient
 * (TestEmailFlowRules, once per recipient: rules apply per recipient) and which rule and patterns decided it.
 */
export function FlowRuleTester(props: { session: AdminSession; organizationId: string }) {
  const [tested, setTested] = useState<Tested>();
  return (
    <section aria-labelledby="flow-rule-tester-heading">
      <h4 id="flow-rule-tester-heading">Test the rules</h4>
      <ActionForm
        label="Test flow rules"
        submit="Test"
        stacked
        run={async ({ Direction, Sender, SenderHeader, Recipients }) => {
          const recipients = Recipients.split(/[\s,]+/).filter(Boolean);
          const verdicts = await Promise.all(
            recipients.map(async (recipient) => ({
              recipient,
              ...(await call<Verdict>(props.session, 'MailwrightService.TestEmailFlowRules', {
                OrganizationId: props.organizationId,
                Direction,
                Sender,
                Recipient: recipient,
                ...(SenderHeader ? { SenderHeader } : {}),
              })),
            })),
          );
          setTested({ sender: Sender, verdicts });
          return `Tested ${verdicts.length} recipient${verdicts.length === 1 ? '' : 's'}`;
        }}
      >
        <div class="grid">
          <label>
            Direction
            <select name="Direction">
              <Choices choices={DIRECTIONS} />
            </select>
          </label>
          <label>
            Sender (From)
            <input name="Sender" type="email" required placeholder="someone@example.net" />
          </label>
          <label>
            Sender header (optional)
            <input name="SenderHeader" type="email" placeholder="on-behalf@example.net" />
          </label>
        </div>
        <label>
          Recipients
          <input name="Recipients" required placeholder="ana@example.com, team@example.com" />
        </label>
      </ActionForm>
      {tested && (
        <table>
          <caption>Mail from {tested.sender}</caption>
          <thead>
            <tr>
              <th scope="col">Recipient</th>
              <th scope="col">Action</th>
              <th scope="col">Matched rule</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {tested.verdicts.map((verdict) => (
              <tr key={verdict.recipient}>
                <td>{verdict.recipient}</td>
                <td>
                  <strong>{verdict.Action}</strong>
                  {verdict.DeliveryAction !== verdict.Action && ` (delivery: ${verdict.DeliveryAction})`}
                </td>
                <td>{verdict.MatchedRule?.Name ?? 'No rule matched'}</td>
                <td>
                  {verdict.MatchedRule
                    ? `${verdict.MatchedHeader === 'SENDER' ? 'Sender header' : 'From'} matches ` +
                      `${verdict.MatchedSenderPattern}, recipient matches ${verdict.MatchedDestinationPattern}`
                    : 'Default delivery'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { ActionForm } from './action-form';
import { call, type AdminSession } from './api';
import { Choices } from './choices';
import { useFocusOnOpen } from './use-focus-on-open';

/** An email flow rule as ListEmailFlowRules returns it (docs/flow-rules.md). */
export interface FlowRule {
  readonly Name: string;
  readonly Direction: 'INBOUND' | 'OUTBOUND';
  readonly Action: string;
  readonly SenderPatterns: readonly string[];
  readonly DestinationPatterns: readonly string[];
  readonly Description?: string;
  readonly LambdaArn?: string;
  readonly Synchronous?: boolean;
  readonly FallbackAction?: string;
  readonly RuleTimeoutMinutes?: number;
  readonly SmtpGatewayName?: string;
}

/** Every action, as the console names it; the service refuses one that does not fit the rule's direction. */
export const FLOW_ACTIONS = [
  ['DEFAULT', 'Default (deliver)'],
  ['DROP', 'Drop'],
  ['BOUNCE', 'Bounce'],
  ['MOVE_TO_JUNK', 'Move to Junk (inbound)'],
  ['BYPASS_SPAM_CHECK', 'Bypass spam check (inbound)'],
  ['ROUTE_TO_SMTP_GATEWAY', 'Route to SMTP gateway (outbound)'],
  ['RUN_LAMBDA', 'Run Lambda'],
] as const;

/** The directions of a rule. */
export const DIRECTIONS = [
  ['INBOUND', 'Inbound'],
  ['OUTBOUND', 'Outbound'],
] as const;

/** Patterns typed one per line or separated by commas. */
const patterns = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** The request members a submitted form describes; fields left empty are left out, as the service requires. */
function ruleMembers(fields: Record<string, string>) {
  const optional = {
    Description: fields.Description || undefined,
    LambdaArn: fields.LambdaArn || undefined,
    Synchronous: fields.Synchronous ? true : undefined,
    FallbackAction: fields.FallbackAction || undefined,
    RuleTimeoutMinutes: fields.RuleTimeoutMinutes ? Number(fields.RuleTimeoutMinutes) : undefined,
    SmtpGatewayName: fields.SmtpGatewayName || undefined,
  };
  return {
    Action: fields.Action,
    SenderPatterns: patterns(fields.SenderPatterns),
    DestinationPatterns: patterns(fields.DestinationPatterns),
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

/**
 * Creates a rule (CreateEmailFlowRule) or, given `rule`, replaces it (UpdateEmailFlowRule: name and direction stay).
 * Every field of the rule is here; those of Run Lambda rules are grouped, and the service's refusal of a field that
 * does not apply is shown as it is.
 */
export function FlowRuleForm(props: {
  session: AdminSession;
  organizationId: string;
  rule?: FlowRule;
  onSaved: () => void;
  /** Leaves the rule being edited for a new one. */
  onClose: () => void;
}) {
  const { rule } = props;
  const panel = useFocusOnOpen<HTMLElement>(!!rule);
  return (
    <article ref={panel} tabIndex={-1} aria-labelledby="flow-rule-form-heading">
      <header>
        <h4 id="flow-rule-form-heading">
          {rule ? `Edit ${rule.Direction.toLowerCase()} rule ${rule.Name}` : 'New rule'}
        </h4>
      </header>
      <ActionForm
        label={rule ? `Edit rule ${rule.Name}` : 'Create flow rule'}
        submit={rule ? 'Save rule' : 'Create rule'}
        stacked
        run={async (fields) => {
          const Name = rule?.Name ?? fields.Name;
          const Direction = rule?.Direction ?? fields.Direction;
          await call(props.session, `MailwrightService.${rule ? 'Update' : 'Create'}EmailFlowRule`, {
            OrganizationId: props.organizationId,
            Name,
            Direction,
            ...ruleMembers(fields),
          });
          props.onSaved();
          return `Rule ${Name} saved`;
        }}
      >
        <div class="grid">
          <label>
            Rule name
            <input
              name="Name"
              required
              pattern="[A-Za-z0-9 _.\-]{1,64}"
              defaultValue={rule?.Name}
              readOnly={!!rule}
            />
          </label>
          <label>
            Direction
            <select name="Direction" disabled={!!rule}>
              <Choices choices={DIRECTIONS} selected={rule?.Direction} />
            </select>
          </label>
          <label>
            Action
            <select name="Action">
              <Choices choices={FLOW_ACTIONS} selected={rule?.Action ?? 'DROP'} />
            </select>
          </label>
        </div>
        <div class="grid">
          <label>
            Sender patterns
            <textarea
              name="SenderPatterns"
              required
              rows={2}
              placeholder="spammer@example.com, example.net, *.example.org or *"
              defaultValue={rule?.SenderPatterns.join('\n')}
            />
          </label>
          <label>
            Recipient patterns
            <textarea
              name="DestinationPatterns"
              required
              rows={2}
              defaultValue={rule?.DestinationPatterns.join('\n') ?? '*'}
            />
          </label>
        </div>
        <label>
          Description
          <input name="Description" maxLength={256} defaultValue={rule?.Description} />
        </label>
        <fieldset>
          <legend>Run Lambda rules only</legend>
          <div class="grid">
            <label>
              Lambda function ARN
              <input name="LambdaArn" defaultValue={rule?.LambdaArn} />
            </label>
            <label>
              Fallback action (synchronous)
              <select name="FallbackAction">
                <Choices
                  choices={[['', 'None'], ...FLOW_ACTIONS.filter(([value]) => value !== 'RUN_LAMBDA')]}
                  selected={rule?.FallbackAction ?? ''}
                />
              </select>
            </label>
            <label>
              Rule timeout, minutes (synchronous)
              <input
                name="RuleTimeoutMinutes"
                type="number"
                min={0}
                max={240}
                defaultValue={rule?.RuleTimeoutMinutes}
              />
            </label>
          </div>
          <label>
            <input type="checkbox" name="Synchronous" defaultChecked={rule?.Synchronous} />
            Synchronous (the function decides what happens to the message)
          </label>
        </fieldset>
        <label>
          SMTP gateway name (Route to SMTP gateway only)
          <input name="SmtpGatewayName" defaultValue={rule?.SmtpGatewayName} />
        </label>
      </ActionForm>
      {rule && (
        <button class="secondary" onClick={props.onClose}>
          New rule instead
        </button>
      )}
    </article>
  );
}

/** DMARC verdict of the sending domain as computed at receipt (SES `receipt.dmarcVerdict.status`). */
export type DmarcVerdict = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED';
/** Policy published by the sender's domain, upper case as in the event log (`NONE`/`QUARANTINE`/`REJECT`). */
export type DmarcPolicy = 'NONE' | 'QUARANTINE' | 'REJECT';

/**
 * Decision for spec §14.5 / requirement 19: what a DMARC `reject` does. `DROP` = discard silently (no DSN),
 * matching the guide's "dropped"; the alternative `BOUNCE` would send a DSN to a sender we just found forged.
 */
export const DMARC_REJECT_ACTION = 'DROP' as const;

/**
 * Decision for spec §14.4: DMARC enforcement runs before the flow rules. A rejected message never reaches flow
 * rules or Lambdas; a quarantined one still does (see {@link BYPASS_SPAM_CHECK_OVERRIDES_DMARC_QUARANTINE}).
 */
export const DMARC_ENFORCEMENT_ORDER = 'BEFORE_FLOW_RULES' as const;

/**
 * Decision for spec §14.4: an explicit BYPASS_SPAM_CHECK flow action (rule or Lambda) overrides DMARC quarantine
 * and delivers to the Inbox. Nothing overrides DMARC reject.
 */
export const BYPASS_SPAM_CHECK_OVERRIDES_DMARC_QUARANTINE = true;

/** What the inbound pipeline does with the message because of DMARC. */
export type DmarcDisposition = 'DELIVER' | 'MOVE_TO_JUNK' | typeof DMARC_REJECT_ACTION;

/** The `DMARC_POLICY_APPLIED` email event (§8). */
export interface DmarcPolicyAppliedEvent {
  readonly eventType: 'DMARC_POLICY_APPLIED';
  readonly from: string;
  readonly recipients: readonly string[];
  readonly policy: DmarcPolicy;
}

/** Inputs of {@link decideDmarc}. */
export interface DmarcInput {
  /** The organization's `dmarcEnforced` setting (true for new organizations). */
  readonly enforced: boolean;
  /** Upper or lower case (SES sends `FAIL`; policies arrive lower case: `reject`). */
  readonly verdict: string | undefined;
  readonly policy: string | undefined;
  /** The `From:` address. */
  readonly from: string;
  readonly recipients: readonly string[];
}

/** The decision and the event to log, if any. */
export interface DmarcDecision {
  readonly disposition: DmarcDisposition;
  /** Present when enforcement is on and the verdict is FAIL (policy NONE included: the policy was applied). */
  readonly event?: DmarcPolicyAppliedEvent;
}

/**
 * Decides DMARC enforcement for one inbound message (requirement 19). Only an enforced organization and a FAIL
 * verdict act: REJECT → {@link DMARC_REJECT_ACTION}, QUARANTINE → Junk, NONE or missing → deliver. GRAY and
 * PROCESSING_FAILED never act. When enforcement is off nothing is decided; the pipeline still logs the verdicts
 * in ORGANIZATION_EMAIL_RECEIVED.
 * @param input - organization setting, verdict, published policy, From and recipients
 * @example
 * decideDmarc({ enforced: true, verdict: 'FAIL', policy: 'reject', from: 'x@bad.example', recipients: ['a@org.com'] })
 * // { disposition: 'DROP', event: { eventType: 'DMARC_POLICY_APPLIED', …, policy: 'REJECT' } }
 */
export function decideDmarc(input: DmarcInput): DmarcDecision {
  if (!input.enforced || input.verdict?.toUpperCase() !== 'FAIL') return { disposition: 'DELIVER' };
  const published = input.policy?.toUpperCase();
  const policy: DmarcPolicy = published === 'REJECT' || published === 'QUARANTINE' ? published : 'NONE';
  const disposition: DmarcDisposition =
    policy === 'REJECT' ? DMARC_REJECT_ACTION : policy === 'QUARANTINE' ? 'MOVE_TO_JUNK' : 'DELIVER';
  return {
    disposition,
    event: { eventType: 'DMARC_POLICY_APPLIED', from: input.from, recipients: [...input.recipients], policy },
  };
}

/**
 * Combines a DMARC disposition with the per-recipient flow action decided afterwards (rule or Lambda).
 * DROP/BOUNCE from the flow always stand; a quarantine turns DEFAULT into MOVE_TO_JUNK, and BYPASS_SPAM_CHECK
 * stays (Inbox) only while {@link BYPASS_SPAM_CHECK_OVERRIDES_DMARC_QUARANTINE} is true.
 * @param disposition - from {@link decideDmarc}; `DROP` means the flow rules were never run
 * @param flowAction - the recipient's flow action type
 * @example
 * combineDmarcWithFlowAction('MOVE_TO_JUNK', 'DEFAULT') // 'MOVE_TO_JUNK'
 */
export function combineDmarcWithFlowAction<A extends string>(
  disposition: DmarcDisposition,
  flowAction: A,
): A | 'MOVE_TO_JUNK' | 'DROP' {
  if (disposition === 'DROP') return 'DROP';
  if (disposition === 'DELIVER') return flowAction;
  // Stryker disable next-line StringLiteral: skipping this branch is equivalent while the decision is true
  if (flowAction === 'BYPASS_SPAM_CHECK')
    // Stryker disable next-line StringLiteral: unreachable while the decision is true
    return BYPASS_SPAM_CHECK_OVERRIDES_DMARC_QUARANTINE ? flowAction : 'MOVE_TO_JUNK';
  return flowAction === 'DEFAULT' ? 'MOVE_TO_JUNK' : flowAction;
}

import type { FlowAction, FlowDirection } from '../flow-rules/types';

/** Direction of the mail a flow rule applies to (re-exported from the flow-rule model). */
export type { FlowDirection };

/** Action types a synchronous Lambda may return for inbound mail (§7.4). */
export const INBOUND_LAMBDA_ACTIONS = [
  'BOUNCE',
  'DROP',
  'DEFAULT',
  'BYPASS_SPAM_CHECK',
  'MOVE_TO_JUNK',
] as const;
/** Action types a synchronous Lambda may return for outbound mail (§7.4). */
export const OUTBOUND_LAMBDA_ACTIONS = ['BOUNCE', 'DROP', 'DEFAULT'] as const;

/** A per-recipient action a Lambda response (or a fallback) can decide. */
export type LambdaActionType = (typeof INBOUND_LAMBDA_ACTIONS)[number];

/**
 * A non-Lambda action: what a fallback (or a response) can decide for a recipient. Outbound fallbacks may be
 * `ROUTE_TO_SMTP_GATEWAY` (flow-rules decision for spec §14.9); the runner passes it through untouched.
 */
export type FallbackActionType = Exclude<FlowAction, 'RUN_LAMBDA'>;

/**
 * The fields of a Run Lambda flow rule the runners need, named as in the flow-rule model (`FlowRule`), so a
 * stored rule passes as `{ ...rule, lambdaArn: rule.lambdaArn! }`.
 */
export interface LambdaRuleBinding {
  readonly name: string;
  /** The organization the rule belongs to: the function must be bound to it. */
  readonly organizationId: string;
  readonly lambdaArn: string;
  readonly synchronous?: boolean;
  /** Synchronous rules: applied to every recipient when every attempt failed. @default - `DEFAULT` */
  readonly fallbackAction?: FlowAction;
  /** Synchronous rules: 0…240; 0 = no retry. @default - 0 */
  readonly ruleTimeoutMinutes?: number;
}

/** An address object of the event. */
export interface EventAddress {
  readonly address: string;
}

/** The exact invocation event of spec §7.3 ("LambdaEventData", summaryVersion 2018-10-10). */
export interface LambdaEvent {
  readonly summaryVersion: '2018-10-10';
  readonly envelope: {
    readonly mailFrom: EventAddress;
    readonly recipients: readonly EventAddress[];
  };
  readonly sender?: EventAddress;
  readonly subject: string;
  readonly messageId: string;
  readonly invocationId: string;
  readonly flowDirection: FlowDirection;
  readonly truncated: boolean;
}

/** One action entry of a validated synchronous response (§7.4). */
export interface LambdaResponseAction {
  readonly type: LambdaActionType;
  readonly bounceMessage?: string;
  readonly recipients: readonly string[];
  readonly allRecipients: boolean;
}

/** What the rule decided for one recipient. */
export interface RecipientDecision {
  /** The address as it appears in the message (original recipients) or in the response (added ones). */
  readonly recipient: string;
  readonly action: FallbackActionType;
  /** Bounce text from `parameters.bounceMessage`, for `BOUNCE` decided by the response. */
  readonly bounceMessage?: string;
  /** True for a recipient the response added; inbound: deliver as Bcc, headers unchanged. */
  readonly added: boolean;
  /** `RESPONSE`: decided by the function; `FALLBACK`: the rule's fallback action. */
  readonly source: 'RESPONSE' | 'FALLBACK';
}

/** An address from a response that was not applied, and why. */
export interface IgnoredRecipient {
  readonly recipient: string;
  readonly reason: 'OUTSIDE_ORGANIZATION' | 'NOT_A_DELIVERY_ACTION' | 'RECIPIENT_LIMIT';
}

/** The result of a synchronous Run Lambda rule for one message. */
export interface SyncLambdaOutcome {
  /** One decision per original recipient, then one per added recipient. */
  readonly decisions: readonly RecipientDecision[];
  readonly ignored: readonly IgnoredRecipient[];
  /** `RESPONSE` when a valid response was applied, `FALLBACK` when every attempt failed. */
  readonly source: 'RESPONSE' | 'FALLBACK';
  /** Attempts made; 0 when the caller's deadline had passed before the first one (fallback, never invoked). */
  readonly attempts: number;
  /** The failure of each failed attempt, oldest first. */
  readonly failures: readonly Error[];
}

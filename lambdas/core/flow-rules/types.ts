/** Records of email flow rules (message-flow.md §2–§5). Times are epoch milliseconds. */

/** Which mail a rule applies to: mail received by the organization, or mail sent by it. */
export type FlowDirection = 'INBOUND' | 'OUTBOUND';

/** Actions of inbound rules, in the documented listing order (§3). */
export const INBOUND_ACTIONS = [
  'DROP',
  'BOUNCE',
  'MOVE_TO_JUNK',
  'DEFAULT',
  'BYPASS_SPAM_CHECK',
  'RUN_LAMBDA',
] as const;
/** Actions of outbound rules, in the documented listing order (§4). */
export const OUTBOUND_ACTIONS = ['DEFAULT', 'DROP', 'BOUNCE', 'ROUTE_TO_SMTP_GATEWAY', 'RUN_LAMBDA'] as const;

/** An action of an inbound rule. */
export type InboundFlowAction = (typeof INBOUND_ACTIONS)[number];
/** An action of an outbound rule. */
export type OutboundFlowAction = (typeof OUTBOUND_ACTIONS)[number];
/** Any flow rule action, of either direction. */
export type FlowAction = InboundFlowAction | OutboundFlowAction;

/** Every action name, for schemas. */
export const ALL_FLOW_ACTIONS: readonly FlowAction[] = [
  ...new Set<FlowAction>([...INBOUND_ACTIONS, ...OUTBOUND_ACTIONS]),
];

/** One organization-level email flow rule as stored. Patterns are kept as given (validated, lower-cased). */
export interface FlowRule {
  readonly organizationId: string;
  /** Unique per organization and direction. */
  readonly name: string;
  readonly direction: FlowDirection;
  readonly action: FlowAction;
  readonly senderPatterns: readonly string[];
  readonly destinationPatterns: readonly string[];
  readonly description?: string;
  /** Run Lambda only: the function to invoke. */
  readonly lambdaArn?: string;
  /** Run Lambda only: wait for the function's answer before delivery. */
  readonly synchronous?: boolean;
  /** Synchronous Run Lambda only: applied to every recipient when the function keeps failing. */
  readonly fallbackAction?: FlowAction;
  /** Synchronous Run Lambda only: how long to retry the function, 0 … 240 minutes. */
  readonly ruleTimeoutMinutes?: number;
  /** ROUTE_TO_SMTP_GATEWAY (as action or fallback) only: the organization's gateway to relay through. */
  readonly smtpGatewayName?: string;
  readonly createdAt: number;
  readonly modifiedAt: number;
}

/** The addresses of one message that flow rules look at (header addresses, not the SMTP envelope). */
export interface MessageAddresses {
  /** Address of the `Sender:` header, when present. */
  readonly sender?: string;
  /** Address of the `From:` header. */
  readonly from?: string;
}

/** Which header the winning sender pattern matched. */
export type MatchedHeader = 'SENDER' | 'FROM';

/** What the rules decide for one recipient. `rule` is absent when no rule matched (action DEFAULT). */
export interface RecipientOutcome {
  readonly recipient: string;
  readonly action: FlowAction;
  readonly rule?: FlowRule;
  /** The sender pattern of `rule` that decided, as stored. */
  readonly senderPattern?: string;
  /** The destination pattern of `rule` that decided, as stored. */
  readonly destinationPattern?: string;
  readonly matchedHeader?: MatchedHeader;
}

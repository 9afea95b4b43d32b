export {
  BYPASS_SPAM_CHECK_OVERRIDES_DMARC_QUARANTINE,
  DMARC_ENFORCEMENT_ORDER,
  DMARC_REJECT_ACTION,
  combineDmarcWithFlowAction,
  decideDmarc,
} from './decide-dmarc';
export type {
  DmarcDecision,
  DmarcDisposition,
  DmarcInput,
  DmarcPolicy,
  DmarcPolicyAppliedEvent,
  DmarcVerdict,
} from './decide-dmarc';

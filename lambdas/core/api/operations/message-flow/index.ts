import type { Operation } from '../../operation';
import { describeMessageFlowConfiguration } from './describe-message-flow-configuration';
import { putMessageFlowConfiguration } from './put-message-flow-configuration';

export { describeMessageFlowConfiguration } from './describe-message-flow-configuration';
export { putMessageFlowConfiguration } from './put-message-flow-configuration';

/**
 * The Message Flow configuration operations of the catalog (Mailwright extensions, served as
 * `MailwrightService.<Action>`).
 */
export const messageFlowOperations: readonly Operation[] = [
  putMessageFlowConfiguration,
  describeMessageFlowConfiguration,
] as unknown as readonly Operation[];

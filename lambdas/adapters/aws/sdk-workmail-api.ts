import * as workmail from '@aws-sdk/client-workmail';
import type { WorkMailClient } from '@aws-sdk/client-workmail';
import { WorkMailCallError, type WorkMailApi, type WorkMailOutput } from '../../core/migration';

type CommandClass = new (input: object) => Parameters<WorkMailClient['send']>[0];

/**
 * The migration's WorkMail endpoint over `@aws-sdk/client-workmail`: real WorkMail (the standard credential chain
 * and Region) or a Mailwright (`endpoint` and an admin key). The service's refusals become `WorkMailCallError`s
 * named after the exception; network failures pass through untouched.
 * @example
 * const source = new SdkWorkMailApi(new WorkMailClient({ region: 'eu-west-1', maxAttempts: 1 }));
 */
export class SdkWorkMailApi implements WorkMailApi {
  constructor(private readonly client: WorkMailClient) {}

  async call(action: string, input: Readonly<Record<string, unknown>>): Promise<WorkMailOutput> {
    const Command = (workmail as unknown as Record<string, CommandClass | undefined>)[`${action}Command`];
    if (!Command)
      throw new WorkMailCallError(action, 'UnknownActionError', 'the WorkMail SDK has no such action');
    try {
      const { $metadata: _metadata, ...output } = (await this.client.send(new Command(input))) as {
        $metadata?: unknown;
      } & Record<string, unknown>;
      return output;
    } catch (error) {
      const fault = (error as { $fault?: string }).$fault;
      if (fault !== 'client' && fault !== 'server') throw error;
      const { name, message } = error as Error;
      throw new WorkMailCallError(action, name, message, { cause: error });
    }
  }
}

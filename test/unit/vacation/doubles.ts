import type {
  VacationReplyLog,
  VacationResponse,
  VacationSettingsStore,
} from '../../../lambdas/core/vacation';

/** Vacation responses in a map, with every call counted. */
export class InMemoryVacationSettings implements VacationSettingsStore {
  public readonly responses = new Map<string, VacationResponse>();
  public calls = 0;

  public async get(organizationId: string, userId: string): Promise<VacationResponse | undefined> {
    this.calls++;
    return this.responses.get(`${organizationId}/${userId}`);
  }

  public async put(organizationId: string, userId: string, response: VacationResponse): Promise<void> {
    this.calls++;
    this.responses.set(`${organizationId}/${userId}`, response);
  }
}

/** Answered senders in a map (until when), with the same condition as the DynamoDB log, every call counted. */
export class InMemoryReplyLog implements VacationReplyLog {
  public readonly until = new Map<string, number>();
  public calls = 0;

  public async remember(
    organizationId: string,
    userId: string,
    sender: string,
    now: number,
    untilMs: number,
  ): Promise<boolean> {
    this.calls++;
    const key = `${organizationId}/${userId}/${sender.toLowerCase()}`;
    if ((this.until.get(key) ?? 0) > now) return false;
    this.until.set(key, untilMs);
    return true;
  }

  public async forget(organizationId: string, userId: string, sender: string): Promise<void> {
    this.calls++;
    this.until.delete(`${organizationId}/${userId}/${sender.toLowerCase()}`);
  }
}

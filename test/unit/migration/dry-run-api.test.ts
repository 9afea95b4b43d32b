import { dryRunApi } from '../../../lambdas/core/migration';
import { RecordingApi } from './doubles';

describe('dryRunApi', () => {
  it('prints calls that would change the target with passwords masked, and sends none of them', async () => {
    const target = new RecordingApi({ ListUsers: () => ({ Users: [] }) });
    const printed: string[] = [];
    const dry = dryRunApi(target, (line) => printed.push(line));

    const created = await dry.call('CreateUser', { Name: 'ana', Password: 'Secret-1' });
    const listed = await dry.call('ListUsers', { OrganizationId: 'm-real' });
    const madeUp = await dry.call('ListAliases', { EntityId: created.UserId });

    expect(printed).toEqual(['CreateUser {"Name":"ana","Password":"***"}']);
    expect(target.actions()).toEqual(['ListUsers']);
    expect(listed).toEqual({ Users: [] });
    expect(madeUp).toEqual({});
  });
});

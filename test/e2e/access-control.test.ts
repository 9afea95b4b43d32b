import { request } from 'node:http';
import { connect } from 'node:net';
import {
  CreateOrganizationCommand,
  CreateUserCommand,
  DeleteAccessControlRuleCommand,
  GetAccessControlEffectCommand,
  ListAccessControlRulesCommand,
  PutAccessControlRuleCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
} from '@aws-sdk/client-workmail';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const PASSWORD = 'Correct-horse1';
const OFFICE = '127.0.0.1';
const CAFE = '127.0.0.2';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error) => error.name,
  );

/** GET the JMAP session as `email`, from `localAddress`: the status code. */
function jmapSession(mw: TestRuntime, email: string, localAddress: string): Promise<number> {
  const url = new URL('/.well-known/jmap', mw.endpoint);
  const authorization = `Basic ${Buffer.from(`${email}:${PASSWORD}`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const call = request(url, { localAddress, headers: { authorization } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    call.on('error', reject).end();
  });
}

/** LOGIN over IMAP from `localAddress`: the tagged reply. */
function imapLogin(mw: TestRuntime, email: string, localAddress: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: mw.imap.host, port: mw.imap.port, localAddress });
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      const greeted = /^\* OK.*\r\n/m.test(received);
      received += chunk.toString('utf8');
      if (!greeted && /^\* OK.*\r\n/m.test(received)) socket.write(`a1 LOGIN "${email}" "${PASSWORD}"\r\n`);
      const reply = /^a1 .*$/m.exec(received);
      if (reply) {
        socket.end('a2 LOGOUT\r\n');
        resolve(reply[0].trim());
      }
    });
    socket.on('error', reject);
  });
}

describe('E2E: access control rules through @aws-sdk/client-workmail, enforced on JMAP and IMAP', () => {
  let mw: TestRuntime;
  let organizationId: string;
  let otherOrganizationId: string;
  let userId: string;
  const email = `ana@acr-${Date.now()}.example.com`;

  beforeAll(async () => {
    mw = await startTestRuntime();
    const workmail = mw.workmail();
    organizationId = (await workmail.send(new CreateOrganizationCommand({ Alias: `acr-e2e-${Date.now()}` })))
      .OrganizationId!;
    otherOrganizationId = (
      await workmail.send(new CreateOrganizationCommand({ Alias: `acr-other-${Date.now()}` }))
    ).OrganizationId!;
    const domain = email.split('@')[1]!;
    await workmail.send(
      new RegisterMailDomainCommand({ OrganizationId: organizationId, DomainName: domain }),
    );
    userId = (
      await workmail.send(
        new CreateUserCommand({
          OrganizationId: organizationId,
          Name: 'ana',
          DisplayName: 'Ana',
          Password: PASSWORD,
        }),
      )
    ).UserId!;
    await workmail.send(
      new RegisterToWorkMailCommand({ OrganizationId: organizationId, EntityId: userId, Email: email }),
    );
  });
  afterAll(() => mw.stop());

  it('starts with the default rule, which allows everything', async () => {
    const workmail = mw.workmail();
    const { Rules } = await workmail.send(
      new ListAccessControlRulesCommand({ OrganizationId: organizationId }),
    );
    const effect = await workmail.send(
      new GetAccessControlEffectCommand({
        OrganizationId: organizationId,
        IpAddress: '203.0.113.7',
        Action: 'IMAP',
        UserId: userId,
      }),
    );

    expect(Rules).toEqual([
      expect.objectContaining({ Name: 'default', Effect: 'ALLOW', Description: 'Default WorkMail Rule' }),
    ]);
    expect(effect).toMatchObject({ Effect: 'ALLOW', MatchedRules: ['default'] });
  });

  it('refuses a user restricted to the office over JMAP and IMAP from elsewhere, and serves the office', async () => {
    await mw.workmail().send(
      new PutAccessControlRuleCommand({
        OrganizationId: organizationId,
        Name: 'office-only',
        Effect: 'DENY',
        Description: 'Mail apps only from the office network',
        Actions: ['JMAP', 'IMAP'],
        NotIpRanges: [`${OFFICE}/32`],
        UserIds: [userId],
      }),
    );

    expect(await jmapSession(mw, email, CAFE)).toBe(403);
    expect(await jmapSession(mw, email, OFFICE)).toBe(200);
    expect(await imapLogin(mw, email, CAFE)).toMatch(/^a1 NO \[AUTHORIZATIONFAILED\]/);
    expect(await imapLogin(mw, email, OFFICE)).toMatch(/^a1 OK/);
  });

  it('tests the rules at once, for IPv4 and IPv6 addresses', async () => {
    const workmail = mw.workmail();
    const effect = (IpAddress: string, Action = 'IMAP') =>
      workmail.send(
        new GetAccessControlEffectCommand({
          OrganizationId: organizationId,
          IpAddress,
          Action,
          UserId: userId,
        }),
      );

    expect(await effect(CAFE)).toMatchObject({ Effect: 'DENY', MatchedRules: ['office-only'] });
    expect(await effect(OFFICE)).toMatchObject({ Effect: 'ALLOW', MatchedRules: ['default'] });
    expect(await effect('2001:db8::1', 'JMAP')).toMatchObject({
      Effect: 'DENY',
      MatchedRules: ['office-only'],
    });
    expect(await effect(CAFE, 'SMTP')).toMatchObject({ Effect: 'ALLOW' });
  });

  it('replaces a rule by name, keeping its creation date, and refuses an eleventh', async () => {
    const workmail = mw.workmail();
    const before = (
      await workmail.send(new ListAccessControlRulesCommand({ OrganizationId: organizationId }))
    ).Rules!;
    await workmail.send(
      new PutAccessControlRuleCommand({
        OrganizationId: organizationId,
        Name: 'office-only',
        Effect: 'DENY',
        Description: 'IMAP only from the office',
        Actions: ['IMAP'],
        NotIpRanges: [`${OFFICE}/32`],
      }),
    );
    for (let i = 0; i < 8; i += 1)
      await workmail.send(
        new PutAccessControlRuleCommand({
          OrganizationId: organizationId,
          Name: `rule-${i}`,
          Effect: 'ALLOW',
          Description: '',
        }),
      );
    const eleventh = workmail.send(
      new PutAccessControlRuleCommand({
        OrganizationId: organizationId,
        Name: 'one-too-many',
        Effect: 'ALLOW',
        Description: '',
      }),
    );

    expect(await refusal(eleventh)).toBe('LimitExceededException');
    const after = (await workmail.send(new ListAccessControlRulesCommand({ OrganizationId: organizationId })))
      .Rules!;
    const officeBefore = before.find((rule) => rule.Name === 'office-only')!;
    const officeAfter = after.find((rule) => rule.Name === 'office-only')!;
    expect(after).toHaveLength(10);
    expect(officeAfter).toMatchObject({
      Description: 'IMAP only from the office',
      Actions: ['IMAP'],
      UserIds: [],
    });
    expect(officeAfter.DateCreated).toEqual(officeBefore.DateCreated);
  });

  it('deletes rules (a missing one too), and with none left denies everything', async () => {
    const workmail = mw.workmail();
    const { Rules } = await workmail.send(
      new ListAccessControlRulesCommand({ OrganizationId: organizationId }),
    );
    for (const rule of Rules!)
      await workmail.send(
        new DeleteAccessControlRuleCommand({ OrganizationId: organizationId, Name: rule.Name }),
      );
    await workmail.send(
      new DeleteAccessControlRuleCommand({ OrganizationId: organizationId, Name: 'never-existed' }),
    );

    const effect = await workmail.send(
      new GetAccessControlEffectCommand({
        OrganizationId: organizationId,
        IpAddress: OFFICE,
        Action: 'JMAP',
        UserId: userId,
      }),
    );
    expect(effect).toMatchObject({ Effect: 'DENY', MatchedRules: [] });
  });

  it('refuses bad input in WorkMail error shapes', async () => {
    const workmail = mw.workmail();
    const put = (fields: Record<string, unknown>) =>
      refusal(
        workmail.send(
          new PutAccessControlRuleCommand({
            OrganizationId: organizationId,
            Name: 'bad',
            Effect: 'ALLOW',
            Description: '',
            ...fields,
          }),
        ),
      );
    const effect = (fields: Record<string, unknown>) =>
      refusal(
        workmail.send(
          new GetAccessControlEffectCommand({
            OrganizationId: organizationId,
            IpAddress: OFFICE,
            Action: 'IMAP',
            ...fields,
          }),
        ),
      );

    expect(await put({ IpRanges: ['10.1/16'] })).toBe('InvalidParameterException');
    expect(await put({ Actions: ['IMAPS'] })).toBe('InvalidParameterException');
    expect(await put({ UserIds: ['S-1-1-11-1111111111-2222222222-3333333333-3333'] })).toBe(
      'EntityNotFoundException',
    );
    expect(await effect({})).toBe('InvalidParameterException');
    expect(await effect({ UserId: userId, ImpersonationRoleId: 'role' })).toBe('InvalidParameterException');
    expect(await effect({ UserId: userId, IpAddress: '300.1.1.1' })).toBe('InvalidParameterException');
  });

  it("never reaches another organization's users or rules", async () => {
    const workmail = mw.workmail();
    const foreignUser = refusal(
      workmail.send(
        new PutAccessControlRuleCommand({
          OrganizationId: otherOrganizationId,
          Name: 'x',
          Effect: 'DENY',
          Description: '',
          UserIds: [userId],
        }),
      ),
    );
    const { Rules } = await workmail.send(
      new ListAccessControlRulesCommand({ OrganizationId: otherOrganizationId }),
    );

    expect(await foreignUser).toBe('EntityNotFoundException');
    expect(Rules!.map((rule) => rule.Name)).toEqual(['default']);
  });
});

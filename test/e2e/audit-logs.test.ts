import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AssumeImpersonationRoleCommand,
  CreateAvailabilityConfigurationCommand,
  CreateImpersonationRoleCommand,
  CreateOrganizationCommand,
  DeleteAccessControlRuleCommand,
  PutAccessControlRuleCommand,
} from '@aws-sdk/client-workmail';
import { parseFunctionTargets } from '../../lambdas/adapters/local/module-function-invoker';
import { AUDIT_LOG_TYPES, type AuditLogType } from '../../lambdas/core/audit-logs/types';
import { tokenIdOf } from '../../lambdas/core/user-auth/token-format';
import { ImapDialog } from '../support/imap-dialog';
import { connectJmap } from '../support/jmap-caller';
import { JMAP_USER_PASSWORD, jmapUser } from '../support/jmap-users';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../examples');
const STATIC_CAP = 'arn:aws:lambda:us-east-1:111122223333:function:mailwright-availability-static';
const basic = (login: string, secret: string) =>
  `Basic ${Buffer.from(`${login}:${secret}`).toString('base64')}`;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: Error) => error.message,
  );

type AuditRecord = Record<string, unknown>;

describe('E2E: audit logs on the local runtime, configured through MailwrightService', () => {
  let mw: TestRuntime;
  let orgA: string;
  let orgB: string;
  let ana: { userId: string; token: string; email: string };
  let roleToken: string;
  /** Organization B's user, whose organization keeps the default access rule (CalDAV allowed). */
  let bea: { userId: string; token: string; email: string };
  let beaRoleToken: string;
  const secrets: string[] = [JMAP_USER_PASSWORD];
  const stamp = Date.now();
  const logGroup = (organization: string, type: string) =>
    `audit-${stamp}-${organization}-${type.toLowerCase()}`;
  const logGroupArn = (name: string) =>
    `arn:aws:logs:${mw.region}:${mw.settings.accountId}:log-group:${name}`;
  const put = (
    OrganizationId: string,
    LogType: string,
    DestinationArn: string,
    credentials = mw.credentials,
  ) =>
    mw.call({
      target: 'MailwrightService.PutAuditLogDelivery',
      body: { OrganizationId, LogType, DestinationArn },
      credentials,
    });
  const records = async (organization: 'a' | 'b', type: AuditLogType): Promise<AuditRecord[]> => {
    const file = join(
      mw.logsDir,
      'CloudWatchLogs',
      `${encodeURIComponent(logGroup(organization, type))}.jsonl`,
    );
    const text = await readFile(file, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuditRecord);
  };
  const arnOf = (organizationId: string) =>
    `arn:aws:workmail:${mw.region}:${mw.settings.accountId}:organization/${organizationId}`;

  beforeAll(async () => {
    // The example CAP, bound to organization A (a function serves only the organizations it is bound to).
    const map = {
      functions: {
        [STATIC_CAP]: { target: './availability-static/index.mjs', organizations: [`audit-a-${stamp}`] },
      },
    };
    mw = await startTestRuntime({ functionTargets: parseFunctionTargets(map, examples) });
    const workmail = mw.workmail();
    orgA = (await workmail.send(new CreateOrganizationCommand({ Alias: `audit-a-${stamp}` })))
      .OrganizationId!;
    orgB = (await workmail.send(new CreateOrganizationCommand({ Alias: `audit-b-${stamp}` })))
      .OrganizationId!;
    // Before anyone signs in: deliveries and rules are read at most once a minute.
    for (const type of AUDIT_LOG_TYPES) {
      expect((await put(orgA, type, logGroupArn(logGroup('a', type)))).status).toBe(200);
    }
    for (const type of ['AUTHENTICATION_LOGS', 'WORKMAIL_MAILBOX_ACCESS_LOGS'] as const)
      await put(orgB, type, logGroupArn(logGroup('b', type)));
    await workmail.send(new DeleteAccessControlRuleCommand({ OrganizationId: orgA, Name: 'default' }));
    await workmail.send(
      new PutAccessControlRuleCommand({
        OrganizationId: orgA,
        Name: 'mail-apps',
        Effect: 'ALLOW',
        Description: 'IMAP, JMAP and submission only',
        Actions: ['IMAP', 'JMAP', 'SMTP'],
      }),
    );
    const domain = `audit-a-${stamp}.${mw.settings.testDomainSuffix}`;
    ana = await jmapUser(mw, orgA, 'ana', `ana@${domain}`);
    secrets.push(ana.token);
    bea = await jmapUser(mw, orgB, 'bea', `bea@audit-b-${stamp}.${mw.settings.testDomainSuffix}`);
    secrets.push(bea.token);
    const beaReader = await workmail.send(
      new CreateImpersonationRoleCommand({
        OrganizationId: orgB,
        Name: 'reader',
        Type: 'READ_ONLY',
        Rules: [{ ImpersonationRuleId: 'bea-only', Effect: 'ALLOW', TargetUsers: [bea.email] }],
      }),
    );
    beaRoleToken = (
      await workmail.send(
        new AssumeImpersonationRoleCommand({
          OrganizationId: orgB,
          ImpersonationRoleId: beaReader.ImpersonationRoleId,
        }),
      )
    ).Token!;
    secrets.push(beaRoleToken);
    const { ImpersonationRoleId } = await workmail.send(
      new CreateImpersonationRoleCommand({
        OrganizationId: orgA,
        Name: 'reader',
        Type: 'READ_ONLY',
        Rules: [{ ImpersonationRuleId: 'ana-only', Effect: 'ALLOW', TargetUsers: [ana.email] }],
      }),
    );
    roleToken = (
      await workmail.send(new AssumeImpersonationRoleCommand({ OrganizationId: orgA, ImpersonationRoleId }))
    ).Token!;
    secrets.push(roleToken);
    await workmail.send(
      new CreateAvailabilityConfigurationCommand({
        OrganizationId: orgA,
        DomainName: 'partner.example',
        LambdaProvider: { LambdaArn: STATIC_CAP },
      }),
    );
  });
  afterAll(() => mw.stop());

  it('describes, lists and deletes deliveries, and refuses bad destinations and other organizations', async () => {
    const describe = await mw.call({
      target: 'MailwrightService.DescribeAuditLogDelivery',
      body: { OrganizationId: orgA, LogType: 'ACCESS_CONTROL_LOGS' },
    });
    await put(orgB, 'ACCESS_CONTROL_LOGS', 'arn:aws:s3:::audit-archive-b');
    await mw.call({
      target: 'MailwrightService.DeleteAuditLogDelivery',
      body: { OrganizationId: orgB, LogType: 'ACCESS_CONTROL_LOGS' },
    });
    const listB = await mw.call({
      target: 'MailwrightService.ListAuditLogDeliveries',
      body: { OrganizationId: orgB },
    });
    const off = await mw.call({
      target: 'MailwrightService.DescribeAuditLogDelivery',
      body: { OrganizationId: orgB, LogType: 'ACCESS_CONTROL_LOGS' },
    });
    const elsewhere = await put(
      orgA,
      'AUTHENTICATION_LOGS',
      'arn:aws:logs:eu-west-1:111122223333:log-group:x',
    );
    const notAnArn = await put(orgA, 'AUTHENTICATION_LOGS', 'audit-logs');
    const unknownType = await put(orgA, 'EMAIL_LOGS', logGroupArn('x'));
    const keyOfB = await mw.call({
      target: 'MailwrightService.CreateAdminKey',
      body: { OrganizationIds: [orgB] },
    });
    const fromB = await put(orgA, 'AUTHENTICATION_LOGS', 'arn:aws:s3:::exfiltration', {
      accessKeyId: keyOfB.json.AccessKeyId as string,
      secretAccessKey: keyOfB.json.SecretAccessKey as string,
    });

    expect(describe.json).toEqual({
      LogType: 'ACCESS_CONTROL_LOGS',
      DestinationArn: `${logGroupArn(logGroup('a', 'ACCESS_CONTROL_LOGS'))}:*`,
      DestinationType: 'CloudWatchLogs',
    });
    expect(
      (listB.json.AuditLogDeliveries as { LogType: string; DestinationType: string }[])
        .map(({ LogType, DestinationType }) => `${LogType} ${DestinationType}`)
        .sort(),
    ).toEqual(['AUTHENTICATION_LOGS CloudWatchLogs', 'WORKMAIL_MAILBOX_ACCESS_LOGS CloudWatchLogs']);
    expect(off.json.__type).toBe('ResourceNotFoundException');
    expect(elsewhere.json.__type).toBe('InvalidParameterException');
    expect(notAnArn.json.__type).toBe('InvalidParameterException');
    expect(unknownType.json.__type).toBe('InvalidParameterException');
    expect(fromB.json.__type).toBe('OrganizationNotFoundException');
  });

  it('logs an authentication and an access control event per IMAP and JMAP sign-in, success and failure', async () => {
    const imap = await ImapDialog.open(mw.imap.host, mw.imap.port);
    const wrongImap = await failure(imap.command(`LOGIN "${ana.email}" "not-the-password"`));
    await imap.command(`LOGIN "${ana.email}" "${JMAP_USER_PASSWORD}"`);
    await imap.close();
    const wrongJmap = await fetch(`${mw.endpoint}/.well-known/jmap`, {
      headers: { authorization: basic(ana.email, 'not-the-password'), 'user-agent': 'audit-e2e/1' },
    });
    const rightJmap = await fetch(`${mw.endpoint}/.well-known/jmap`, {
      headers: { authorization: basic(ana.email, JMAP_USER_PASSWORD), 'user-agent': 'audit-e2e/1' },
    });
    const caldav = await fetch(`${mw.endpoint}/dav/`, {
      method: 'PROPFIND',
      headers: { authorization: basic(ana.email, JMAP_USER_PASSWORD), depth: '0' },
    });

    const authentications = await records('a', 'AUTHENTICATION_LOGS');
    const accessControls = await records('a', 'ACCESS_CONTROL_LOGS');
    const attempts = authentications.map((r) => [r.protocol, r.auth_successful, r.auth_failed_reason]);
    expect(wrongImap).toMatch(/NO \[AUTHENTICATIONFAILED\]/);
    expect(wrongJmap.status).toBe(401);
    expect(rightJmap.status).toBe(200);
    expect(caldav.status).toBe(403);
    expect(attempts).toEqual(
      expect.arrayContaining([
        ['IMAP', false, 'INVALID_CREDENTIALS'],
        ['IMAP', true, undefined],
        ['JMAP', false, 'INVALID_CREDENTIALS'],
        ['JMAP', true, undefined],
      ]),
    );
    expect(authentications.find((r) => r.user_agent === 'audit-e2e/1' && r.auth_successful)).toEqual({
      event_timestamp: expect.any(Number),
      request_id: expect.any(String),
      organization_arn: arnOf(orgA),
      user_id: ana.userId,
      protocol: 'JMAP',
      source_ip: '127.0.0.1',
      user_agent: 'audit-e2e/1',
      user: ana.email,
      method: 'basic',
      auth_successful: true,
    });
    expect(accessControls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          protocol: 'IMAP',
          scope: 'AccessControl',
          rule_id: 'mail-apps',
          access_granted: true,
        }),
      ]),
    );
    const caldavRecord = accessControls.find((r) => r.protocol === 'CalDAV');
    expect(caldavRecord).toMatchObject({ access_granted: false, user_id: ana.userId });
    expect(caldavRecord).not.toHaveProperty('rule_id');
  });

  it('logs mailbox access: a read over IMAP, and a write a READ_ONLY role was refused over JMAP', async () => {
    const imap = await ImapDialog.open(mw.imap.host, mw.imap.port);
    await imap.command('ID ("name" "audit-imap" "version" "2")');
    await imap.command(`LOGIN "${ana.email}" "${JMAP_USER_PASSWORD}"`);
    await imap.command('SELECT INBOX');
    await imap.command('UID FETCH 1:* (FLAGS)');
    await imap.close();
    const jmap = await connectJmap(
      new URL('/.well-known/jmap', mw.endpoint).toString(),
      basic(ana.email, roleToken),
    );
    const refused = await failure(jmap.call('Mailbox/set', { create: { a: { name: 'Archive' } } }));

    const accesses = await records('a', 'WORKMAIL_MAILBOX_ACCESS_LOGS');
    const accessControls = await records('a', 'ACCESS_CONTROL_LOGS');
    expect(refused).toMatch(/forbidden/);
    expect(accesses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          protocol: 'IMAP',
          action: 'read',
          object_type: 'Folder',
          folder_path: 'INBOX',
          owner_id: ana.userId,
          user_agent: 'audit-imap/2',
          action_allowed: true,
        }),
        expect.objectContaining({
          protocol: 'IMAP',
          action: 'read',
          object_type: 'Message',
          action_allowed: true,
        }),
      ]),
    );
    const denied = accesses.find((r) => r.protocol === 'JMAP' && r.action === 'create');
    expect(denied).toMatchObject({
      organization_arn: arnOf(orgA),
      user_id: ana.userId,
      impersonator_id: expect.any(String),
      object_type: 'Folder',
      action_allowed: false,
    });
    expect(accessControls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          scope: 'ImpersonationAccessControl',
          rule_id: 'ana-only',
          access_granted: true,
        }),
      ]),
    );
  });

  it('logs CalDAV access: an event created and read, and a delete a READ_ONLY role was refused', async () => {
    const event = (name: string) => `${mw.endpoint}/dav/calendars/${bea.userId}/calendar/${name}`;
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Mailwright tests//EN',
      'BEGIN:VEVENT',
      'UID:audit-1',
      'DTSTAMP:20261201T000000Z',
      'DTSTART:20261210T100000Z',
      'DTEND:20261210T110000Z',
      'SUMMARY:Planning',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const asBea = { authorization: basic(bea.email, JMAP_USER_PASSWORD) };

    const created = await fetch(event('audit-1.ics'), {
      method: 'PUT',
      headers: { ...asBea, 'content-type': 'text/calendar' },
      body: ics,
    });
    const read = await fetch(event('audit-1.ics'), { headers: asBea });
    const refused = await fetch(event('audit-1.ics'), {
      method: 'DELETE',
      headers: { authorization: basic(bea.email, beaRoleToken) },
    });

    expect([created.status, read.status, refused.status]).toEqual([201, 200, 403]);
    const calendarItem = {
      protocol: 'CalDAV',
      object_type: 'Message',
      item_id: 'audit-1.ics',
      folder_path: 'Calendar/calendar',
      owner_id: bea.userId,
      user_id: bea.userId,
    };
    const dav = (await records('b', 'WORKMAIL_MAILBOX_ACCESS_LOGS')).filter((r) => r.protocol === 'CalDAV');
    expect(dav).toEqual([
      expect.objectContaining({ ...calendarItem, action: 'create', action_allowed: true }),
      expect.objectContaining({ ...calendarItem, action: 'read', action_allowed: true }),
      expect.objectContaining({
        ...calendarItem,
        action: 'delete',
        impersonator_id: expect.any(String),
        action_allowed: false,
      }),
    ]);
    expect(JSON.stringify(dav)).not.toContain('Planning');
  });

  it('logs the personal access token a user created', async () => {
    const tokens = await records('a', 'WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS');

    expect(tokens).toEqual([
      expect.objectContaining({
        organization_arn: arnOf(orgA),
        user_id: ana.userId,
        user: ana.email,
        protocol: 'webapp',
        action: 'create',
        name: 'jmap',
        scopes: ['mail'],
        expires_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('logs each availability provider call', async () => {
    const response = await fetch(`${mw.endpoint}/jmap/api/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ana.token}` },
      body: JSON.stringify({
        using: [
          'urn:ietf:params:jmap:core',
          'urn:ietf:params:jmap:principals',
          'urn:ietf:params:jmap:principals:availability',
        ],
        methodCalls: [
          [
            'Principal/getAvailability',
            {
              accountId: ana.userId,
              id: 'carl@partner.example',
              utcStart: '2026-03-02T00:00:00Z',
              utcEnd: '2026-03-09T00:00:00Z',
            },
            'a',
          ],
        ],
      }),
    });

    expect(response.status).toBe(200);
    expect(await records('a', 'WORKMAIL_AVAILABILITY_PROVIDER_LOGS')).toEqual([
      {
        event_timestamp: expect.any(Number),
        request_id: expect.any(String),
        organization_arn: arnOf(orgA),
        user_id: ana.userId,
        type: 'LAMBDA',
        domain: 'partner.example',
        function_arn: STATIC_CAP,
        availability_event_successful: true,
      },
    ]);
  });

  it('logs a token an admin deleted, naming its owner but no acting user', async () => {
    const deleted = await mw.call({
      target: 'WorkMailService.DeletePersonalAccessToken',
      body: { OrganizationId: orgA, PersonalAccessTokenId: tokenIdOf(ana.token) },
    });

    const tokens = await records('a', 'WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS');
    expect(deleted.status).toBe(200);
    expect(tokens.map((record) => record.action)).toEqual(['create', 'delete']);
    expect(tokens[1]).toMatchObject({ user_id: ana.userId, name: 'jmap', source_ip: '127.0.0.1' });
    expect(tokens[1]).not.toHaveProperty('user');
  });

  it("keeps each organization's records to its own destinations, without passwords or tokens", async () => {
    const ofB = await records('b', 'AUTHENTICATION_LOGS');
    const files = await readdir(join(mw.logsDir, 'CloudWatchLogs'));
    const texts = await Promise.all(
      files.map((file) => readFile(join(mw.logsDir, 'CloudWatchLogs', file), 'utf8')),
    );

    expect(ofB.length).toBeGreaterThan(0);
    expect(ofB.every((record) => record.organization_arn === arnOf(orgB))).toBe(true);
    for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

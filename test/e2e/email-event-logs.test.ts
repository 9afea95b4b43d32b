import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DeleteEmailMonitoringConfigurationCommand,
  DescribeEmailMonitoringConfigurationCommand,
  ListUsersCommand,
  PutEmailMonitoringConfigurationCommand,
  ResourceNotFoundException,
  UpdateMailboxQuotaCommand,
} from '@aws-sdk/client-workmail';
import type { DNSResolver } from 'mailauth';
import { createTransport } from 'nodemailer';
import { JsonLinesLogWriter } from '../../lambdas/adapters/local/json-lines-log-writer';
import { processSendEvent } from '../../lambdas/core/send-events';
import { runInsightsQuery, type Row, type TimedRecord } from '../support/insights-query';
import { outsideWorldResolver, startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { mailOrganization, type MailUser } from '../support/mail-organization';
import { MemoryMetrics } from '../support/memory-metrics';

const LOG_GROUP_ARN = 'arn:aws:logs:us-east-1:111122223333:log-group:workmail-monitoring:*';

/** The outside world, plus a domain publishing SPF `-all` and DMARC `p=quarantine`: mail "from" it fails DMARC. */
const resolver: DNSResolver = async (name, rrtype) => {
  if (rrtype === 'TXT' && name === 'forged.example.org') return [['v=spf1 -all']];
  if (rrtype === 'TXT' && name === '_dmarc.forged.example.org') return [['v=DMARC1; p=quarantine']];
  return outsideWorldResolver(name, rrtype);
};

/** The fields each event may carry (security-and-logging §5.1, requirement 22); `?` marks the optional ones. */
const FIELDS: Record<string, readonly string[]> = {
  ORGANIZATION_EMAIL_RECEIVED: [
    'recipients',
    'sender?',
    'from',
    'subject',
    'messageId',
    'spamVerdict',
    'dkimVerdict',
    'dmarcVerdict',
    'dmarcPolicy?',
    'spfVerdict',
    'messageTimestamp',
  ],
  MAILBOX_EMAIL_DELIVERED: ['recipient', 'folder'],
  RULE_APPLIED: ['ruleName', 'ruleType', 'ruleActions', 'targetFolder?', 'targetRecipient?'],
  JOURNALING_INITIATED: ['journalingAddress'],
  INCOMING_EMAIL_BOUNCED: ['bouncedRecipient'],
  OUTGOING_EMAIL_SUBMITTED: ['recipients', 'sender?', 'from', 'subject'],
  OUTGOING_EMAIL_SENT: ['recipient', 'sender?', 'from', 'messageId'],
  OUTGOING_EMAIL_BOUNCED: ['bouncedRecipient', 'destination', 'reason'],
  DMARC_POLICY_APPLIED: ['from', 'recipients', 'policy'],
};

describe('E2E: email event logs (WorkMail §5.1, the §5.4 Insights queries)', () => {
  let mw: TestRuntime;
  let users: Record<'userA' | 'userB' | 'userC' | 'user', MailUser>;
  let quiet: Record<'quinn', MailUser>;
  let organizationId: string;
  let quietOrganizationId: string;
  const metrics = new MemoryMetrics();

  const logFile = () =>
    new JsonLinesLogWriter(mw.logsDir).fileOf({ kind: 'CloudWatchLogs', logGroupArn: LOG_GROUP_ARN });
  /** The log group's records, in the order written (their @timestamp). */
  const records = async (): Promise<TimedRecord[]> =>
    (await readFile(logFile(), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line, index) => ({ timestamp: index, record: JSON.parse(line) as Record<string, unknown> }));
  const query = async (text: string): Promise<Row[]> => runInsightsQuery(text, await records());
  const admin = (action: string, body: Record<string, unknown>, credentials?: typeof mw.credentials) =>
    mw.call({ target: `WorkMailService.${action}`, body, credentials });
  const fromOutside = (from: string, to: string[], subject: string, text = 'Hello') =>
    createTransport({ host: mw.smtp.host, port: mw.smtp.port, secure: false, ignoreTLS: true }).sendMail({
      from,
      to,
      subject,
      text,
    });
  const submit = (user: MailUser, to: string[], subject: string) =>
    createTransport({
      host: mw.submission.host,
      port: mw.submission.port,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: user.email, pass: user.pass },
    }).sendMail({ from: user.email, to, subject, text: 'See you there' });
  /** Plays SES: a Delivery or Bounce event for what the outbox holds for `recipient`, with the send's tags. */
  const sesEvent = async (recipient: string, eventType: 'Delivery' | 'Bounce') => {
    const outbox = await readdir(mw.outboxDir);
    const texts = await Promise.all(outbox.map((name) => readFile(join(mw.outboxDir, name), 'utf8')));
    // A user's message, not a DSN: only sends for a mailbox carry tags.
    const sent = texts.find(
      (text) =>
        text.includes(`X-Mailwright-Envelope-To: <${recipient}>`) && text.includes('X-Mailwright-Tags'),
    );
    if (!sent) throw new Error(`nothing was sent to ${recipient}`);
    const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(sent)?.[1]?.trim() ?? '';
    const tags = Object.fromEntries(
      header('X-Mailwright-Tags')
        .split('; ')
        .map((pair) => pair.split('='))
        .map(([name, value]) => [name, [value]]),
    );
    const mail = {
      messageId: `ses-${header('Message-ID').replace(/\W/g, '')}`,
      timestamp: new Date().toISOString(),
      headers: ['From', 'Message-ID', 'Subject'].map((name) => ({ name, value: header(name) })),
      tags,
    };
    const event =
      eventType === 'Delivery'
        ? { eventType, mail, delivery: { recipients: [recipient], timestamp: mail.timestamp } }
        : {
            eventType,
            mail,
            bounce: {
              bounceType: 'Permanent',
              bounceSubType: 'General',
              bouncedRecipients: [
                { emailAddress: recipient, status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
              ],
            },
          };
    return processSendEvent(mw.sendEvents, JSON.stringify(event));
  };

  beforeAll(async () => {
    mw = await startTestRuntime({ resolver, metrics, emailEventCacheMs: 0, journalDeliveryIntervalMs: 0 });
    users = await mailOrganization(mw, 'events', 'example.com', ['userA', 'userB', 'userC', 'user']);
    quiet = await mailOrganization(mw, 'quiet', 'quiet.example.org', ['quinn']);
    const [events, quietOrg] = await Promise.all(
      ['events', 'quiet'].map(async (alias) => {
        const listed = await mw.call({ target: 'WorkMailService.ListOrganizations', body: {} });
        return (listed.json.OrganizationSummaries as { OrganizationId: string; Alias: string }[]).find(
          (o) => o.Alias === alias,
        )!.OrganizationId;
      }),
    );
    organizationId = events!;
    quietOrganizationId = quietOrg!;
    const workmail = mw.workmail();
    const { Users } = await workmail.send(new ListUsersCommand({ OrganizationId: organizationId }));
    const userC = Users!.find((u) => u.Name === 'userC')!;
    await workmail.send(
      new UpdateMailboxQuotaCommand({ OrganizationId: organizationId, UserId: userC.Id, MailboxQuota: 1 }),
    );
    const rule = (Direction: string, Name: string, Action: string, patterns: Record<string, string[]>) =>
      mw.call({
        target: 'MailwrightService.CreateEmailFlowRule',
        body: { OrganizationId: organizationId, Direction, Name, Action, ...patterns },
      });
    expect(
      (
        await rule('INBOUND', 'junk-the-newsletter', 'MOVE_TO_JUNK', {
          SenderPatterns: ['news@outside.example.net'],
          DestinationPatterns: ['*'],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await rule('OUTBOUND', 'drop-the-blackhole', 'DROP', {
          SenderPatterns: ['*'],
          DestinationPatterns: ['blackhole.example.net'],
        })
      ).status,
    ).toBe(200);
    const journaling = await mw.call({
      target: 'MailwrightService.PutJournalingConfiguration',
      body: {
        OrganizationId: organizationId,
        Status: 'ENABLED',
        JournalingEmailAddress: 'archive@journal.example.net',
        ReportEmailAddress: 'reports@journal.example.net',
      },
    });
    expect(journaling.json).toEqual({});
    await workmail.send(
      new PutEmailMonitoringConfigurationCommand({
        OrganizationId: organizationId,
        LogGroupArn: LOG_GROUP_ARN,
        RoleArn: 'arn:aws:iam::111122223333:role/workmail-monitoring-role',
      }),
    );

    // The round trip: mail from outside (a full mailbox, an inbound rule, a DMARC failure), mail users send (to a
    // colleague, outside, and to an address an outbound rule drops), and SES's delivery and bounce of what left.
    await fromOutside(
      'Olga <olga@outside.example.net>',
      [users.userB.email, users.userC.email],
      'Quarterly figures',
      'x'.repeat(1_200_000),
    );
    await fromOutside('News <news@outside.example.net>', [users.userB.email], 'Newsletter');
    await fromOutside('Chief <chief.forger@forged.example.org>', [users.userA.email], 'Urgent wire transfer');
    await submit(
      users.userA,
      [users.userB.email, 'olga@outside.example.net', 'x@blackhole.example.net'],
      'Lunch on Friday',
    );
    await submit(users.user, [users.userA.email], 'Hello from user');
    await submit(users.userA, ['nobody@outside.example.net'], 'Are you there');
    await fromOutside('Olga <olga@outside.example.net>', [quiet.quinn.email], 'Not logged');
    expect(await sesEvent('olga@outside.example.net', 'Delivery')).toEqual({ outcome: 'delivered' });
    expect(await sesEvent('nobody@outside.example.net', 'Bounce')).toMatchObject({ outcome: 'reported' });
  }, 120_000);

  afterAll(async () => {
    await mw?.stop();
  });

  it('writes every record as {traceId, event} with exactly the §5.1 fields of its event', async () => {
    const all = await records();

    expect(new Set(all.map(({ record }) => (record.event as { eventName: string }).eventName))).toEqual(
      new Set(Object.keys(FIELDS)),
    );
    for (const { record } of all) {
      expect(Object.keys(record).sort()).toEqual(['event', 'traceId']);
      const { eventName, ...fields } = record.event as Record<string, unknown>;
      const allowed = FIELDS[eventName as string]!;
      const required = allowed.filter((field) => !field.endsWith('?'));
      expect(
        Object.keys(fields).filter((field) => !allowed.includes(field) && !allowed.includes(`${field}?`)),
      ).toEqual([]);
      for (const field of required) expect(fields).toHaveProperty(field);
    }
  });

  it('1a–1d: finds a submission, follows its trace to SENT, and its received copy by message id', async () => {
    const [submission, ...others] = await query(
      'fields @timestamp, traceId | sort @timestamp asc | filter (event.from like /(?i)userA@example.com/ and event.eventName = "OUTGOING_EMAIL_SUBMITTED" and event.recipients.0 like /(?i)userB@example.com/)',
    );
    expect(others).toEqual([]);
    const trace = await query(
      `fields @timestamp, event.eventName | sort @timestamp asc | filter traceId = "${String(submission!.traceId)}"`,
    );
    expect(trace.map((row) => row['event.eventName'])).toEqual([
      'OUTGOING_EMAIL_SUBMITTED',
      'RULE_APPLIED',
      'JOURNALING_INITIATED',
      'OUTGOING_EMAIL_SENT',
      'OUTGOING_EMAIL_SENT',
    ]);
    const messageId = String(
      (
        await query(
          `fields event.messageId | filter traceId = "${String(submission!.traceId)}" and event.eventName = "OUTGOING_EMAIL_SENT"`,
        )
      )[0]!['event.messageId'],
    );

    const byMessageId = await query(
      `fields @timestamp, event.eventName | sort @timestamp asc | filter event.messageId like "${messageId}"`,
    );
    expect(byMessageId.map((row) => row['event.eventName'])).toEqual([
      'ORGANIZATION_EMAIL_RECEIVED',
      'OUTGOING_EMAIL_SENT',
      'OUTGOING_EMAIL_SENT',
    ]);
    const [received] = await query(
      `fields traceId | filter event.messageId like "${messageId}" and event.eventName = "ORGANIZATION_EMAIL_RECEIVED"`,
    );
    const receivedTrace = await query(
      `fields @timestamp, event.eventName | sort @timestamp asc | filter traceId = "${String(received!.traceId)}"`,
    );
    expect(receivedTrace.map((row) => row['event.eventName'])).toEqual([
      'ORGANIZATION_EMAIL_RECEIVED',
      'MAILBOX_EMAIL_DELIVERED',
    ]);
  });

  it('2a, 2b: lists mail received from a user and from a domain', async () => {
    const fromUser = await query(
      'fields @timestamp, event.eventName | sort @timestamp asc | filter (event.from like /(?i)user@example.com/ and event.eventName = "ORGANIZATION_EMAIL_RECEIVED")',
    );
    const fromDomain = await query(
      'fields @timestamp, event.eventName | sort @timestamp asc | filter (event.from like "example.com" and event.eventName = "ORGANIZATION_EMAIL_RECEIVED")',
    );

    expect(fromUser).toHaveLength(1);
    expect(fromDomain).toHaveLength(2);
  });

  it('3a, 3b: shows outbound bounces with destination and reason, inbound bounces with address, reason, status', async () => {
    const outbound = await query(
      'fields @timestamp, event.destination, event.reason | sort @timestamp desc | filter event.eventName = "OUTGOING_EMAIL_BOUNCED"',
    );
    const inbound = await query(
      'fields @timestamp, event.bouncedRecipient.emailAddress, event.bouncedRecipient.reason, event.bouncedRecipient.status | sort @timestamp desc | filter event.eventName = "INCOMING_EMAIL_BOUNCED"',
    );

    expect(outbound).toEqual([
      expect.objectContaining({
        'event.destination': 'nobody@outside.example.net',
        'event.reason': 'smtp; 550 5.1.1 user unknown',
      }),
    ]);
    expect(inbound).toEqual([
      expect.objectContaining({
        'event.bouncedRecipient.emailAddress': expect.stringMatching(/^userc@example\.com$/i),
        'event.bouncedRecipient.reason': 'smtp; 552 5.2.2 Mailbox full',
        'event.bouncedRecipient.status': '5.2.2',
      }),
    ]);
  });

  it('4a, 4b, 5: counts spam per recipient, names its senders, and shows why a message went to junk', async () => {
    const perRecipient = await query(
      'stats count(*) as c by event.recipients.0 | filter (event.eventName = "ORGANIZATION_EMAIL_RECEIVED" and event.spamVerdict = "FAIL") | sort c desc',
    );
    const senders = await query(
      'fields @timestamp, event.recipients.0, event.sender, event.from | sort @timestamp asc | filter (event.spamVerdict = "FAIL")',
    );
    const why = await query(
      'fields @timestamp, event.recipients.0, event.spamVerdict, event.spfVerdict, event.dkimVerdict, event.dmarcVerdict | sort @timestamp asc | filter event.subject like /(?i)urgent wire/ and event.eventName = "ORGANIZATION_EMAIL_RECEIVED"',
    );

    expect(perRecipient).toEqual([{ 'event.recipients.0': 'usera@example.com', c: 1 }]);
    expect(senders).toEqual([expect.objectContaining({ 'event.from': 'chief.forger@forged.example.org' })]);
    expect(why).toEqual([
      expect.objectContaining({
        'event.spamVerdict': 'FAIL',
        'event.spfVerdict': 'FAIL',
        'event.dmarcVerdict': 'FAIL',
      }),
    ]);
    const all = (await records()).map(({ record }) => record.event as Record<string, unknown>);
    expect(all).toContainEqual(
      expect.objectContaining({ eventName: 'DMARC_POLICY_APPLIED', policy: 'QUARANTINE' }),
    );
    expect(all).toContainEqual(
      expect.objectContaining({ from: 'chief.forger@forged.example.org', dmarcPolicy: 'QUARANTINE' }),
    );
  });

  it('6a, 6b: shows the mail outbound and inbound flow rules matched', async () => {
    const outbound = await query(
      'fields @timestamp, event.ruleName, event.ruleActions.0.action | sort @timestamp desc | filter event.ruleType = "OUTBOUND_RULE"',
    );
    const inbound = await query(
      'fields @timestamp, event.ruleName, event.ruleActions.0.action, event.ruleActions.0.recipients.0 | sort @timestamp desc | filter event.ruleType = "INBOUND_RULE"',
    );

    expect(outbound).toEqual([
      expect.objectContaining({
        'event.ruleName': 'drop-the-blackhole',
        'event.ruleActions.0.action': 'DROP',
      }),
    ]);
    expect(inbound).toEqual([
      expect.objectContaining({
        'event.ruleName': 'junk-the-newsletter',
        'event.ruleActions.0.action': 'MOVE_TO_JUNK',
        'event.ruleActions.0.recipients.0': 'userb@example.com',
      }),
    ]);
  });

  it('7a, 7b: counts mail received per mailbox and sent per sender', async () => {
    const received = await query(
      'stats count(*) as c by event.recipient | filter event.eventName = "MAILBOX_EMAIL_DELIVERED" | sort c desc',
    );
    const sent = await query(
      'stats count(*) as c by event.from | filter event.eventName = "OUTGOING_EMAIL_SUBMITTED" | sort c desc',
    );

    expect(received.map((row) => [String(row['event.recipient']).toLowerCase(), row.c])).toEqual([
      ['userb@example.com', 3],
      ['usera@example.com', 2],
    ]);
    expect(sent.map((row) => [String(row['event.from']).toLowerCase(), row.c])).toEqual([
      ['usera@example.com', 2],
      ['user@example.com', 1],
    ]);
  });

  it('records the five mail metrics by WorkMail’s counting rules', () => {
    expect(metrics.sum('OrganizationEmailReceived', organizationId)).toBe(5);
    expect(metrics.sum('MailboxEmailDelivered', organizationId)).toBe(5);
    expect(metrics.sum('IncomingEmailBounced', organizationId)).toBe(1);
    expect(metrics.sum('OutgoingEmailSent', organizationId)).toBe(1);
    expect(metrics.sum('OutgoingEmailBounced', organizationId)).toBe(1);
    expect(metrics.sum('OrganizationEmailReceived', quietOrganizationId)).toBe(1);
  });

  it('writes nothing for an organization without a configuration', async () => {
    expect(await readdir(join(mw.logsDir, 'CloudWatchLogs'))).toEqual(['workmail-monitoring.jsonl']);
    expect(await readFile(logFile(), 'utf8')).not.toContain('quiet.example.org');
    const described = await admin('DescribeEmailMonitoringConfiguration', {
      OrganizationId: quietOrganizationId,
    });
    expect(described.json.__type).toBe('ResourceNotFoundException');
  });

  it('describes the configuration, refuses log groups of another Region or account, and hides it from other organizations', async () => {
    const described = await admin('DescribeEmailMonitoringConfiguration', { OrganizationId: organizationId });
    const otherRegion = await admin('PutEmailMonitoringConfiguration', {
      OrganizationId: organizationId,
      LogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:workmail-monitoring:*',
    });
    const otherAccount = await admin('PutEmailMonitoringConfiguration', {
      OrganizationId: organizationId,
      LogGroupArn: LOG_GROUP_ARN,
      RoleArn: 'arn:aws:iam::444455556666:role/workmail-monitoring-role',
    });
    const created = await mw.call({
      target: 'MailwrightService.CreateAdminKey',
      body: { OrganizationIds: [quietOrganizationId] },
    });
    const scoped = {
      accessKeyId: created.json.AccessKeyId as string,
      secretAccessKey: created.json.SecretAccessKey as string,
    };
    const hidden = await Promise.all(
      ['DescribeEmailMonitoringConfiguration', 'DeleteEmailMonitoringConfiguration'].map((action) =>
        admin(action, { OrganizationId: organizationId }, scoped),
      ),
    );
    const hiddenPut = await admin(
      'PutEmailMonitoringConfiguration',
      { OrganizationId: organizationId, LogGroupArn: LOG_GROUP_ARN },
      scoped,
    );

    expect(described.json).toEqual({
      RoleArn: 'arn:aws:iam::111122223333:role/workmail-monitoring-role',
      LogGroupArn: LOG_GROUP_ARN,
    });
    expect(otherRegion.json).toMatchObject({
      __type: 'InvalidParameterException',
      Message: expect.stringContaining('Region'),
    });
    expect(otherAccount.json).toMatchObject({
      __type: 'InvalidParameterException',
      Message: expect.stringContaining('RoleArn'),
    });
    expect([...hidden, hiddenPut].map((response) => response.json.__type)).toEqual([
      'OrganizationNotFoundException',
      'OrganizationNotFoundException',
      'OrganizationNotFoundException',
    ]);
    expect(
      (await admin('DescribeEmailMonitoringConfiguration', { OrganizationId: organizationId })).status,
    ).toBe(200);
  });

  it('stops logging once the configuration is deleted (through the SDK)', async () => {
    const workmail = mw.workmail();
    const before = (await records()).length;

    await workmail.send(new DeleteEmailMonitoringConfigurationCommand({ OrganizationId: organizationId }));
    await fromOutside('Olga <olga@outside.example.net>', [users.userB.email], 'After the end');

    expect(await records()).toHaveLength(before);
    await expect(
      workmail.send(new DescribeEmailMonitoringConfigurationCommand({ OrganizationId: organizationId })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

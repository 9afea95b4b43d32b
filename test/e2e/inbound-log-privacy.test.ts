import {
  CreateOrganizationCommand,
  CreateUserCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
} from '@aws-sdk/client-workmail';
import type { DNSResolver } from 'mailauth';
import { createTransport } from 'nodemailer';
import { EICAR, type DeliveryLogger } from '../../lambdas/core/delivery';
import { outsideWorldResolver, startTestRuntime, type TestRuntime } from '../support/local-runtime';

const DOMAIN = 'privacy.example.com';
const SUBJECTS = ['Rule subject 8e1f2a', 'Forged subject 4b7c9d', 'Infected subject 2d6e0f'];

/** The outside world, plus a domain that publishes SPF `-all` and DMARC `p=reject`: mail "from" it fails DMARC. */
const resolver: DNSResolver = async (name, rrtype) => {
  if (rrtype === 'TXT' && name === 'forged.example.org') return [['v=spf1 -all']];
  if (rrtype === 'TXT' && name === '_dmarc.forged.example.org') return [['v=DMARC1; p=reject']];
  return outsideWorldResolver(name, rrtype);
};

describe('E2E: inbound log lines carry no address or subject', () => {
  let mw: TestRuntime;
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: string, attributes: Readonly<Record<string, unknown>>): void =>
      void lines.push(`${level} ${message} ${JSON.stringify(attributes)}`);
  const logger: DeliveryLogger = { info: record('info'), warn: record('warn'), error: record('error') };

  const send = (from: string, to: string[], subject: string, attachments: { content: string }[] = []) =>
    createTransport({ host: mw.smtp.host, port: mw.smtp.port, secure: false, ignoreTLS: true }).sendMail({
      from,
      to,
      subject,
      text: 'Hello',
      attachments,
    });

  beforeAll(async () => {
    mw = await startTestRuntime({ resolver, inboundLogger: logger });
    const client = mw.workmail();
    const { OrganizationId } = (await client.send(new CreateOrganizationCommand({ Alias: 'privacy' }))) as {
      OrganizationId: string;
    };
    await client.send(new RegisterMailDomainCommand({ OrganizationId, DomainName: DOMAIN }));
    for (const name of ['Alice.Private', 'bob.private']) {
      const { UserId } = await client.send(
        new CreateUserCommand({ OrganizationId, Name: name, DisplayName: name, Password: 'Corr3ct-Horse' }),
      );
      await client.send(
        new RegisterToWorkMailCommand({ OrganizationId, EntityId: UserId, Email: `${name}@${DOMAIN}` }),
      );
    }
    const rule = await mw.call({
      target: 'MailwrightService.CreateEmailFlowRule',
      body: {
        OrganizationId,
        Direction: 'INBOUND',
        Name: 'bounce-the-pen-pal',
        Action: 'BOUNCE',
        SenderPatterns: ['pen.pal@outside.example.net'],
        DestinationPatterns: ['*'],
      },
    });
    expect(rule.status).toBe(200);
  });

  afterAll(async () => {
    await mw?.stop();
  });

  it('pseudonymizes addresses and drops subjects in flow-rule, DMARC and virus log lines', async () => {
    const recipients = [`Alice.Private@${DOMAIN}`, `bob.private@${DOMAIN}`];

    await send('Pen Pal <pen.pal@outside.example.net>', recipients, SUBJECTS[0]!);
    await send('Chief <chief.forger@forged.example.org>', recipients, SUBJECTS[1]!);
    await send('Mallory <mallory.virus@outside.example.net>', recipients, SUBJECTS[2]!, [{ content: EICAR }]);

    const events = [
      'RULE_APPLIED',
      'DMARC_POLICY_APPLIED',
      'virus verdict FAIL',
      'inbound message processed',
    ];
    for (const event of events) expect(lines.some((line) => line.includes(event))).toBe(true);
    const secrets = [
      ...SUBJECTS,
      'alice.private',
      'bob.private',
      'pen.pal',
      'chief.forger',
      'mallory.virus',
      '@outside.example.net',
      '@forged.example.org',
      `@${DOMAIN}`,
    ];
    const leaks = lines.flatMap((line) =>
      secrets
        .filter((secret) => line.toLowerCase().includes(secret.toLowerCase()))
        .map((s) => `${s}: ${line}`),
    );
    expect(leaks).toEqual([]);
    const ruleApplied = lines.find((line) => line.includes('RULE_APPLIED')) ?? '';
    const dmarc = lines.find((line) => line.includes('DMARC_POLICY_APPLIED')) ?? '';
    const pseudonyms = (line: string) => new Set(line.match(/addr:[0-9a-f]{16}/g));
    const shared = [...pseudonyms(ruleApplied)].filter((p) => pseudonyms(dmarc).has(p));
    expect(shared).toHaveLength(2);
  });
});

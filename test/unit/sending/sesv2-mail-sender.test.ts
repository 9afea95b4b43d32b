import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesV2MailSender } from '../../../lambdas/adapters/aws/sesv2-mail-sender';

describe('SesV2MailSender', () => {
  it('sends to more than 50 recipients in sends of at most 50 (SES’s limit), the same bytes each time', async () => {
    const sent: { ToAddresses: string[]; Data: Uint8Array }[] = [];
    const client = {
      send: async (command: {
        input: { Destination: { ToAddresses: string[] }; Content: { Raw: { Data: Uint8Array } } };
      }) => {
        sent.push({
          ToAddresses: command.input.Destination.ToAddresses,
          Data: command.input.Content.Raw.Data,
        });
        return {};
      },
    } as unknown as SESv2Client;
    const recipients = Array.from({ length: 120 }, (_, index) => `r${index}@outside.example`);
    const raw = Buffer.from('From: ana@example.com\r\n\r\nHi');

    await new SesV2MailSender({ client }).sendRaw({ envelopeFrom: 'ana@example.com', recipients, raw });

    expect(sent.map((send) => send.ToAddresses.length)).toEqual([50, 50, 20]);
    expect(sent.flatMap((send) => send.ToAddresses)).toEqual(recipients);
    expect(sent.every((send) => Buffer.from(send.Data).equals(raw))).toBe(true);
  });

  it('sends through the configuration set with the sender’s organization and mailbox ids as message tags', async () => {
    const inputs: Record<string, unknown>[] = [];
    const client = {
      send: async (command: { input: Record<string, unknown> }) => {
        inputs.push(command.input);
        return {};
      },
    } as unknown as SESv2Client;
    const sender = new SesV2MailSender({ client, configurationSetName: 'mailwright-events' });
    const raw = Buffer.from('From: ana@example.com\r\n\r\nHi');

    await sender.sendRaw({
      envelopeFrom: 'ana@example.com',
      recipients: ['olga@outside.example'],
      raw,
      reportTo: {
        organizationId: 'm-0123456789abcdef0123456789abcdef',
        mailboxId: 'a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d',
      },
    });
    await sender.sendRaw({ envelopeFrom: '', recipients: ['far@remote.example'], raw });

    expect(inputs[0]).toMatchObject({
      ConfigurationSetName: 'mailwright-events',
      EmailTags: [
        { Name: 'mailwright-organization', Value: 'm-0123456789abcdef0123456789abcdef' },
        { Name: 'mailwright-mailbox', Value: 'a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d' },
      ],
    });
    expect(JSON.stringify(inputs[0]?.EmailTags)).not.toContain('@');
    expect(inputs[1]?.EmailTags).toBeUndefined();
  });
});

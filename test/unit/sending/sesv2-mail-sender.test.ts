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
});

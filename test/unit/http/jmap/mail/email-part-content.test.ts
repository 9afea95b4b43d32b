import { emailPartContent, emailView } from '../../../../../lambdas/http/jmap/mail';
import { loadEml } from '../../../../fixtures/mime/load';

describe('emailPartContent', () => {
  it('gives the decoded bytes, type and name of a part for download', () => {
    const part = emailPartContent(loadEml('mixed-attachments.eml'), '2');

    expect(part).toEqual({
      bytes: Buffer.from('%PDF-1.4\n%%EOF\n'),
      type: 'application/pdf',
      name: 'Rapport été 2024.pdf',
    });
  });

  it('gives an attached message that Email/parse can read as an Email of its own', () => {
    const part = emailPartContent(loadEml('forwarded.eml'), '2');

    const attached = emailView(part?.bytes ?? Buffer.alloc(0), {
      properties: ['subject', 'from', 'textBody'],
      blobIdOf: String,
    });
    expect(part?.type).toBe('message/rfc822');
    expect(attached).toEqual({
      subject: 'Rapport annuel',
      from: [{ name: 'Alice', email: 'alice@example.com' }],
      textBody: [expect.objectContaining({ partId: '1', type: 'text/plain' })],
    });
  });

  it('finds nothing for a multipart or an unknown partId', () => {
    const raw = loadEml('mixed-attachments.eml');

    expect(emailPartContent(raw, '1')).toBeUndefined();
    expect(emailPartContent(raw, '42')).toBeUndefined();
  });
});

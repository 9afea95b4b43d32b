import { REDACTED_CONTENT } from '../../../lambdas/core/logging';
import { collectNeedles, scanLogs } from '../../support/log-privacy-scanner';

const SOURCE = {
  path: 'test/e2e/example.test.ts',
  text: [
    "await client.send(new CreateUserCommand({ Name: 'ana', Password: 'Corr3ct-Horse' }));",
    "const BEN_PASSWORD = 'Battery-staple2';",
    "const creds = { secretAccessKey: 'local', password: 'password', tlsSecretArn: 'arn:aws:secretsmanager:x' };",
    "await send({ subject: 'Quarterly plans 7f3a9c', text: 'The board pack is ready for review.' });",
    "await send({ subject: 'Hi', text: 'Unknown command' });",
    `const raw = \`From: a@example.com\\r\\nSubject: Lunch on Thursday?\\r\\n\\r\\nSee you.\`;`,
    `expect(line).not.toContain('${REDACTED_CONTENT}'); const x = { subject: '${REDACTED_CONTENT} and more' };`,
  ].join('\n'),
};
const EML = {
  path: 'test/fixtures/mime/plain.eml',
  text: 'From: a@example.com\r\nSubject: Budget for the holiday party\r\n\r\nHi all,\r\nThe venue is booked for the 12th of December.\r\n',
};

describe('Log privacy scanner', () => {
  const needles = collectNeedles([SOURCE, EML]);

  it('collects the distinctive passwords, subjects and bodies of the sources, not ordinary words or ARNs', () => {
    expect(needles).toEqual(
      expect.arrayContaining([
        { kind: 'password or secret', value: 'Corr3ct-Horse' },
        { kind: 'password or secret', value: 'Battery-staple2' },
        { kind: 'subject', value: 'Quarterly plans 7f3a9c' },
        { kind: 'body', value: 'The board pack is ready for review.' },
        { kind: 'subject', value: 'Lunch on Thursday?' },
        { kind: 'subject', value: 'Budget for the holiday party' },
        { kind: 'body', value: 'The venue is booked for the 12th of December.' },
      ]),
    );
    const values = needles.map((needle) => needle.value);
    for (const ordinary of [
      'local',
      'password',
      'Hi',
      'Unknown command',
      'arn:aws:secretsmanager:x',
      REDACTED_CONTENT,
    ])
      expect(values).not.toContain(ordinary);
  });

  it('passes lines that hold none of them', () => {
    const text = [
      '{"level":"INFO","message":"Delivered","recipients":["addr:5f0c1a2b3c4d5e6f"],"subject":"[redacted]"}',
      'Unknown command',
      `{"personal_access_token_id":"mwpat_${'a'.repeat(32)}","sha1":"${'0123456789abcdef'.repeat(2)}01234567"}`,
      '-----BEGIN CERTIFICATE-----',
    ].join('\n');
    expect(scanLogs([{ file: '1.log', text }], needles)).toEqual([]);
  });

  it.each([
    ['password or secret', '{"level":"WARN","message":"Sign-in failed","password":"Corr3ct-Horse"}'],
    ['subject', 'INFO Rule applied {"subject":"Quarterly plans 7f3a9c"}'],
    ['body', 'debug: The board pack is ready for review.'],
    ['token', `Authorization: Bearer mwpat_${'0a'.repeat(16)}_${'Ab9-_'.repeat(8)}xyz`],
    ['token', `{"token":"mwimp_${'b'.repeat(32)}_${'Z'.repeat(43)}"}`],
    ['admin secret', '{"secretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}'],
    ['private key', '{"tls":"-----BEGIN PRIVATE KEY-----\\nMIIE…"}'],
    ['private key', '-----BEGIN EC PRIVATE KEY-----'],
    ['header', '{"raw":"From: x@example.com\\r\\nSubject: something new\\r\\n"}'],
    ['header', 'Subject: anything at all'],
  ])('finds a leaked %s', (kind, line) => {
    const findings = scanLogs([{ file: '42.log', text: `ok line\n${line}\nanother ok line` }], needles);
    expect(findings).toEqual([expect.objectContaining({ file: '42.log', kind })]);
    expect(line).toContain(findings[0].excerpt.slice(0, 20));
  });

  it('finds a secret recorded at run time, which no source holds', () => {
    const generated = { kind: 'password or secret' as const, value: 'Generated+Secret/0000' };
    const text = 'Signed with Generated+Secret/0000 by mistake';
    expect(scanLogs([{ file: '7.log', text }], needles)).toEqual([]);
    expect(scanLogs([{ file: '7.log', text }], [...needles, generated])).toHaveLength(1);
  });
});

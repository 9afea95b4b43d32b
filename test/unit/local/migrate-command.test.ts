import { Writable } from 'node:stream';
import { migrateCommand } from '../../../lambdas/local/migrate';

function io() {
  const output = { out: '', err: '' };
  const sink = (key: 'out' | 'err') =>
    new Writable({ write: (chunk: Buffer, _encoding, done) => ((output[key] += chunk.toString()), done()) });
  return { output, io: { stdout: sink('out'), stderr: sink('err'), env: {} } };
}

describe('npm start -- migrate', () => {
  it.each([
    [['directory', '--source-organization-id', 'm-1'], '--target-endpoint is required for directory.'],
    [['plan'], '--source-organization-id is required.'],
    [['teleport', '--source-organization-id', 'm-1'], "Unknown step 'teleport'."],
    [
      [
        'directory',
        '--source-organization-id',
        'm-1',
        '--target-endpoint',
        'http://x',
        '--passwords',
        'mail',
      ],
      "--passwords must be csv or none, not 'mail'.",
    ],
    [['plan', '--source-organisation-id', 'm-1'], "Unknown option '--source-organisation-id'"],
    [
      [
        'mailboxes',
        '--source-organization-id',
        'm-1',
        '--target-endpoint',
        'http://x',
        '--export-bucket',
        'b',
      ],
      'The mailbox step needs --export-bucket, --export-role-arn, --export-kms-key-arn and --import-bucket.',
    ],
    [
      ['plan', '--source-organization-id', 'm-1', '--concurrency', '0'],
      "--concurrency must be 1-99, not '0'.",
    ],
  ])('refuses %j with a usage error', async (argv, message) => {
    const { output, io: streams } = io();

    const code = await migrateCommand(argv, streams);

    expect(code).toBe(2);
    expect(output.err).toContain(message);
    expect(output.err).toContain('Usage: npm start -- migrate STEP');
  });

  it('prints its usage on --help', async () => {
    const { output, io: streams } = io();

    expect(await migrateCommand(['--help'], streams)).toBe(0);
    expect(output.out).toContain('--dry-run');
  });
});

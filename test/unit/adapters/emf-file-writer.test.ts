import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PowertoolsMetricsRecorder } from '../../../lambdas/adapters/aws/powertools-metrics-recorder';
import { emfFileWriter } from '../../../lambdas/adapters/local/emf-file-writer';

const ORG = `m-${'d'.repeat(32)}`;

describe('emfFileWriter', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'mw-emf-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('appends the recorder’s EMF documents as JSON lines, creating the logs directory', async () => {
    // Prepare
    const file = join(directory, 'logs', 'metrics.jsonl');
    const metrics = new PowertoolsMetricsRecorder({ write: emfFileWriter(file) });
    // Act
    metrics.count(ORG, 'MailboxEmailDelivered', 2);
    await metrics.flush();
    metrics.count(ORG, 'AccessDenied', 0);
    await metrics.flush();
    // Assess
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ OrganizationId: ORG, MailboxEmailDelivered: 2 }),
      expect.objectContaining({ OrganizationId: ORG, AccessDenied: 0 }),
    ]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('creates no file when there is nothing to write', async () => {
    const file = join(directory, 'logs', 'metrics.jsonl');
    await new PowertoolsMetricsRecorder({ write: emfFileWriter(file) }).flush();
    await expect(stat(join(directory, 'logs'))).rejects.toThrow('ENOENT');
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The real thing, once: `cdk synth` through cdk.json with esbuild bundling, CloudFormation validation and cdk-nag,
 * offline; then cfn-lint on the template it wrote.
 */
describe('cdk synth (full validation) and cfn-lint', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'mailwright-synth-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesizes offline with bundling, validation and cdk-nag, and cfn-lint finds no errors', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      CDK_VALIDATION: 'true',
    };
    delete env.NODE_OPTIONS;
    const synth = await run('npx', ['cdk', 'synth', '-q', '--no-notices', '-o', outdir], {
      env,
      maxBuffer: 32 * 1024 * 1024,
    })
      .then(() => ({ code: 0, output: '' }))
      .catch((error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? 1,
        output: `${error.stdout ?? ''}\n${error.stderr ?? ''}`,
      }));
    expect(synth).toEqual({ code: 0, output: '' });

    const templates = readdirSync(outdir).filter((file) => file.endsWith('.template.json'));
    expect(templates).toEqual(['Mailwright.template.json']);
    const lint = await run('cfn-lint', ['--format', 'parseable', join(outdir, templates[0]!)], {
      maxBuffer: 8 * 1024 * 1024,
    })
      .then(({ stdout }) => ({ code: 0, stdout }))
      .catch((error: { code?: number | string; stdout?: string }) => ({
        code: error.code ?? 1,
        stdout: error.stdout ?? '',
      }));
    // A cfn-lint that could not start (ENOENT: not installed) is a failure, not a clean template.
    expect(typeof lint.code).toBe('number');
    // cfn-lint's exit code is a bit mask: 2 = error, 4 = warning, 8 = informational.
    const errors = lint.stdout.split('\n').filter((line) => /:E\d{4}:/.test(line));
    expect(errors).toEqual([]);
    expect(Number(lint.code) & 2).toBe(0);
  }, 240_000);
});

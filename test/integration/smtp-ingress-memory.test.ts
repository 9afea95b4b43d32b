import { fork, type ChildProcess } from 'node:child_process';
import { SmtpDialog } from '../support/smtp-dialog';

const MB = 1024 * 1024;
const FIXTURE = new URL('./fixtures/smtp-ingress-server.ts', import.meta.url).pathname;

interface ServerReport {
  readonly port?: number;
  readonly peakRssBytes: number;
}

let server: ChildProcess;
let ready: ServerReport;

/** The next message the server process sends. */
const report = () =>
  new Promise<ServerReport>((resolve, reject) => {
    server.once('message', (message) => resolve(message as ServerReport));
    server.once('exit', (code) => reject(new Error(`SMTP server process exited with ${code}`)));
  });

beforeAll(async () => {
  server = fork(FIXTURE, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  ready = await report();
});

afterAll(async () => {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.send('stop');
  await exited;
});

describe('SMTP ingress memory', () => {
  it('refuses a 100 MB message over a 1 MB limit with 552 5.3.4 without its memory growing with the message', async () => {
    const smtp = await SmtpDialog.open('127.0.0.1', ready.port as number);
    await smtp.command('EHLO client.example');
    await smtp.command('MAIL FROM:<sender@remote.example>');
    await smtp.command('RCPT TO:<alice@example.com>');
    const go = await smtp.command('DATA');
    const line = Buffer.from(`${'x'.repeat(998)}\r\n`);
    const chunk = Buffer.concat([Buffer.from('Subject: big\r\n\r\n'), ...Array(64).fill(line)]);

    const reply = await smtp.streamData(100 * MB, chunk);
    await smtp.close();
    server.send('memory');
    const after = await report();

    expect(go).toMatch(/^354/);
    expect(reply).toMatch(/^552 5\.3\.4 /);
    // Holding the message takes at least 100 MB of peak RSS (about 200 MB: the chunks, then Buffer.concat's copy).
    // Reading it chunk by chunk leaves only the stream's garbage, which V8 collects once external memory grows by
    // a few tens of MB whatever the message size (about 35 MB measured), so 80 MB separates the two cleanly.
    expect(after.peakRssBytes - ready.peakRssBytes).toBeLessThan(80 * MB);
  });
});

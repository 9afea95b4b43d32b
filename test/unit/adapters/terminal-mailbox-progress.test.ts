import { TerminalMailboxProgress } from '../../../lambdas/adapters/local/terminal-mailbox-progress';

function output(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, columns: 100, write: (text: string) => writes.push(text) };
}

describe('TerminalMailboxProgress', () => {
  it('prints one plain line per phase change and per finished mailbox when not a terminal', () => {
    const out = output(false);
    const progress = new TerminalMailboxProgress(out);

    progress.start(2);
    progress.update('ana@example.com', 'exporting', 10);
    progress.update('ana@example.com', 'exporting', 60);
    progress.update('ana@example.com', 'importing', 0);
    progress.done('ana@example.com', { outcome: 'moved' });
    progress.done('bo@example.com', { outcome: 'failed', error: 'the export job ended FAILED' });

    expect(out.writes.join('')).toBe(
      [
        'Moving 2 mailboxes',
        'ana@example.com: exporting',
        'ana@example.com: importing',
        'ana@example.com: moved [1/2]',
        'bo@example.com: failed (the export job ended FAILED) [2/2]',
        '',
      ].join('\n'),
    );
  });

  it('redraws a bar per mailbox in flight and an overall bar in place on a terminal', () => {
    const out = output(true);
    const progress = new TerminalMailboxProgress(out);

    progress.start(2);
    progress.update('ana@example.com', 'exporting', 50);
    progress.done('ana@example.com', { outcome: 'moved' });

    expect(out.writes).toEqual([
      '[##########..........]  50% exporting    ana@example.com\n[....................]   0% 0/2 mailboxes\n',
      '\x1b[2F\x1b[0Jana@example.com: moved\n[##########..........]  50% 1/2 mailboxes\n',
    ]);
  });
});

import { PassThrough } from 'node:stream';
import { PasswordPromptAbortedError, readPassword } from '../../../lambdas/local/read-password';

/** A PassThrough that says it is a terminal and records raw-mode switches. */
function terminal() {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    rawModes: [] as boolean[],
    setRawMode(mode: boolean) {
      input.rawModes.push(mode);
      return input;
    },
  });
  return input;
}

function collector() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('readPassword', () => {
  it('reads the first line of a pipe, without its line end', async () => {
    const input = new PassThrough();
    input.end('Correct-horse1\r\nsecond line\n');

    await expect(readPassword(input, new PassThrough())).resolves.toBe('Correct-horse1');
  });

  it('reads a pipe without a line end to its end', async () => {
    const input = new PassThrough();
    input.end('Correct-horse1');

    await expect(readPassword(input, new PassThrough())).resolves.toBe('Correct-horse1');
  });

  it('prompts on a terminal, reads keystrokes with echo off and handles Backspace', async () => {
    const input = terminal();
    const prompt = collector();

    const reading = readPassword(input, prompt.stream);
    input.write('Correct-horseX');
    input.write('\u007f1\r');

    await expect(reading).resolves.toBe('Correct-horse1');
    expect(prompt.text()).toBe('Password: \n');
    expect(input.rawModes).toEqual([true, false]);
  });

  it('deletes whole characters, not halves of surrogate pairs', async () => {
    const input = terminal();

    const reading = readPassword(input, new PassThrough());
    input.write('ab😀\u007f\u007fc\n');

    await expect(reading).resolves.toBe('ac');
  });

  it('aborts on Ctrl-C and leaves the terminal as it was', async () => {
    const input = terminal();

    const reading = readPassword(input, new PassThrough());
    input.write('Corr\u0003');

    await expect(reading).rejects.toThrow(PasswordPromptAbortedError);
    expect(input.rawModes).toEqual([true, false]);
  });
});

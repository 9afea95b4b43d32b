/** A terminal or a pipe to read a password from (`process.stdin`). */
export interface PasswordInput extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** Raised when the user presses Ctrl-C at the password prompt. */
export class PasswordPromptAbortedError extends Error {
  constructor(options?: ErrorOptions) {
    super('Password prompt aborted', options);
    this.name = 'PasswordPromptAbortedError';
  }
}

/**
 * Reads a password without showing it: on a terminal, prompts on `prompt` and reads keystrokes with echo off
 * (Enter ends it, Backspace deletes, Ctrl-C aborts); from a pipe, reads the first line.
 * @param input - usually `process.stdin`
 * @param prompt - where the prompt goes (stderr, so stdout carries only the command's result)
 * @example
 * const password = await readPassword(process.stdin, process.stderr);
 */
export function readPassword(input: PasswordInput, prompt: NodeJS.WritableStream): Promise<string> {
  return input.isTTY && input.setRawMode ? readHidden(input, prompt) : readFirstLine(input);
}

async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += chunk.toString();
    const end = text.search(/\r?\n/);
    if (end >= 0) return text.slice(0, end);
  }
  return text;
}

function readHidden(input: PasswordInput, prompt: NodeJS.WritableStream): Promise<string> {
  prompt.write('Password: ');
  input.setRawMode!(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let characters: string[] = [];
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode!(false);
      input.pause();
      prompt.write('\n');
      if (error) reject(error);
      else resolve(characters.join(''));
    };
    const onData = (chunk: string | Buffer) => {
      for (const character of chunk.toString()) {
        if (character === '\r' || character === '\n' || character === '\u0004') return finish();
        if (character === '\u0003') return finish(new PasswordPromptAbortedError());
        if (character === '\u007f' || character === '\b') characters = characters.slice(0, -1);
        else characters.push(character);
      }
    };
    input.on('data', onData);
  });
}

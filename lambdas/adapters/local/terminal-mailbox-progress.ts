import type { MailboxPhase, MailboxProgress } from '../../core/migration/mailbox-ports';

/** Where the reporter writes: a terminal (bars redrawn in place) or anything else (one plain line per event). */
export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** The terminal's width in columns. */
  readonly columns?: number;
}

const BAR_WIDTH = 20;

/**
 * The mailbox step's progress on a terminal: one bar per mailbox in flight and an overall bar, redrawn in place; on a
 * pipe or a file, one plain line per phase change and per finished mailbox (no percentages, nothing redrawn).
 * @example
 * const progress = new TerminalMailboxProgress(process.stderr);
 */
export class TerminalMailboxProgress implements MailboxProgress {
  private total = 0;
  private finished = 0;
  private failed = 0;
  private readonly active = new Map<string, { phase: MailboxPhase; percent?: number }>();
  /** Lines of the last drawing, to move back over. */
  private drawn = 0;

  constructor(private readonly output: ProgressOutput) {}

  start(mailboxes: number): void {
    this.total = mailboxes;
    if (!this.output.isTTY) this.output.write(`Moving ${mailboxes} mailboxes\n`);
  }

  update(address: string, phase: MailboxPhase, percent?: number): void {
    const before = this.active.get(address);
    this.active.set(address, { phase, ...(percent === undefined ? {} : { percent }) });
    if (this.output.isTTY) this.draw();
    else if (before?.phase !== phase) this.output.write(`${address}: ${phase}\n`);
  }

  done(address: string, result: { readonly outcome: string; readonly error?: string }): void {
    this.active.delete(address);
    this.finished += 1;
    if (result.outcome === 'failed') this.failed += 1;
    const line = `${address}: ${result.outcome}${result.error ? ` (${result.error})` : ''}`;
    if (this.output.isTTY) this.draw([line]);
    else this.output.write(`${line} [${this.finished}/${this.total}]\n`);
  }

  /** Redraws the bars; `above` lines are printed once, above them, and stay. */
  private draw(above: readonly string[] = []): void {
    const width = Math.max(40, this.output.columns ?? 80);
    const lines = [...this.active].map(([address, state]) => {
      const label = `${state.phase.padEnd(12)} ${address}`;
      return `${bar(state.percent)} ${label}`.slice(0, width - 1);
    });
    const overall = (this.finished * 100) / Math.max(1, this.total);
    const failed = this.failed > 0 ? `, ${this.failed} failed` : '';
    lines.push(`${bar(overall)} ${this.finished}/${this.total} mailboxes${failed}`);
    const clear = this.drawn > 0 ? `\x1b[${this.drawn}F\x1b[0J` : '';
    this.output.write(`${clear}${[...above, ...lines].map((line) => `${line}\n`).join('')}`);
    this.drawn = lines.length;
  }
}

function bar(percent: number | undefined): string {
  if (percent === undefined) return `[${' '.repeat(BAR_WIDTH)}]     `;
  const filled = Math.round((Math.min(100, percent) * BAR_WIDTH) / 100);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(percent)).padStart(3)}%`;
}

import type {
  Clock,
  FlowLambdaLogger,
  FunctionInvoker,
  InvokeOptions,
} from '../../../lambdas/core/flow-lambda';

/** A clock whose sleep advances time instantly. */
export class FakeClock implements Clock {
  time = 1_700_000_000_000;
  readonly sleeps: number[] = [];
  now() {
    return this.time;
  }
  async sleep(ms: number) {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

/** An invoker that replays scripted answers and records each call. */
export class ScriptedInvoker implements FunctionInvoker {
  readonly calls: { arn: string; payload: unknown; options: InvokeOptions }[] = [];
  constructor(private readonly script: ((attempt: number) => unknown)[]) {}
  async invoke(arn: string, payload: unknown, options: InvokeOptions) {
    this.calls.push({ arn, payload, options });
    const step = this.script[Math.min(this.calls.length, this.script.length) - 1];
    const answer = step(this.calls.length);
    if (answer instanceof Error) throw answer;
    return Buffer.from(typeof answer === 'string' ? answer : JSON.stringify(answer));
  }
}

/** A logger that keeps what was logged: details by level, and every message in order. */
export class MemoryLogger implements FlowLambdaLogger {
  readonly warnings: Record<string, unknown>[] = [];
  readonly infos: Record<string, unknown>[] = [];
  readonly messages: string[] = [];
  warn(message: string, details: Record<string, unknown>) {
    this.messages.push(message);
    this.warnings.push(details);
  }
  info(message: string, details: Record<string, unknown>) {
    this.messages.push(message);
    this.infos.push(details);
  }
}

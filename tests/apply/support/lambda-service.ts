/**
 * Stands in for Lambda's asynchronous invoke while a test runs: every event S3 sends to a
 * function (moto matched the applied notification configuration and recorded the event,
 * scripts/lib/moto_server.py) is run by function-runtime.ts, one child process per event,
 * with the function's applied configuration. Nothing is invoked that S3 did not send.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Emulator } from '../../../scripts/lib/emulator.js';

const RUNTIME = fileURLToPath(new URL('./function-runtime.ts', import.meta.url));

export interface Invocation {
  readonly functionArn: string;
  readonly event: unknown;
  readonly status: number | null;
  /** The handler's result, when it returned one. */
  readonly result: unknown;
  readonly log: string;
}

export class LambdaService {
  readonly invocations: Invocation[] = [];
  private seen = 0;
  private running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly emulator: Emulator,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  start(pollMs = 200): this {
    this.timer = setInterval(() => this.dispatch(), pollMs);
    return this;
  }

  /** Stops polling and waits for the invocations under way. */
  async stop(): Promise<Invocation[]> {
    clearInterval(this.timer);
    this.dispatch();
    while (this.running.size > 0) await Promise.all([...this.running]);
    return this.invocations;
  }

  private dispatch(): void {
    const events = this.emulator.lambdaEvents();
    for (const { functionArn, event } of events.slice(this.seen)) {
      const done = this.invoke(functionArn, event).then((invocation) => {
        this.invocations.push(invocation);
        this.running.delete(done);
      });
      this.running.add(done);
    }
    this.seen = events.length;
  }

  private invoke(functionArn: string, event: unknown): Promise<Invocation> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', RUNTIME, functionArn], {
        env: this.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
      });
      child.stderr.on('data', (chunk) => {
        err += chunk;
      });
      child.stdin.end(JSON.stringify(event));
      child.once('close', (status) => {
        const last = out.trim().split('\n').at(-1) ?? '';
        let result: unknown;
        try {
          result = status === 0 ? JSON.parse(last) : undefined;
        } catch {
          result = undefined;
        }
        resolve({ functionArn, event, status, result, log: `${out}${err}` });
      });
    });
  }
}

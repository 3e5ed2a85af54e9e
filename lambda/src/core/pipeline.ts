/**
 * The core's streaming entry point: workout-app export bytes in, sessions and a report out.
 *
 * ```ts
 * const result = processExport(byteChunks, { athlete, timezone: 'Europe/Berlin', maxRejectedShare: DEFAULT_MAX_REJECTED_SHARE });
 * for await (const session of result.sessions) {
 *   // compare with the store, write silver... (sessions arrive as they complete)
 * }
 * const report = await result.report; // settles once `sessions` has been read to the end
 * if (report.status === 'rejected') {
 *   // the whole file was refused (report.code, report.reason): discard what was staged
 * }
 * ```
 *
 * - `input` is any (async) iterable of byte chunks: an S3 GetObject body, a file read
 *   stream, an array of Uint8Array in a test.
 * - `sessions` can be iterated once. Memory stays flat in the file size: see sessions.ts for
 *   what grouping keeps.
 * - Permanent problems with the file (empty, not text, unknown header, malformed, too many
 *   rejected rows) never throw: `sessions` ends and `report.status` is 'rejected' with a
 *   stable `code`. TOO_MANY_REJECTED_ROWS can only be known at the end, after sessions were
 *   yielded, so a consumer must treat sessions as provisional until the report says 'ok'.
 * - Errors from `input` itself (network, throttling) are transient: iterating `sessions`
 *   throws them and `report` rejects with the same error, so the caller can retry.
 * - Breaking out of the loop early rejects `report` with PipelineAbortedError.
 * - Rejected rows are listed in the report (up to `maxRejectedListed`) and, all of them,
 *   passed to `onRejected` as they are found.
 */

import { isValidTimezone } from './dates.js';
import { type EngineOptions, ExportEngine } from './engine.js';
import type { Session } from './model.js';
import type { ExportReport } from './report.js';
import { DISTANCE_UNITS, WEIGHT_UNITS } from './units.js';

export type PipelineOptions = EngineOptions;

export interface PipelineResult {
  readonly sessions: AsyncIterable<Session>;
  readonly report: Promise<ExportReport>;
}

export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export class PipelineAbortedError extends Error {
  override readonly name = 'PipelineAbortedError';
  constructor() {
    super('the sessions of this export were not read to the end, so there is no report');
  }
}

/** Fails fast on programming errors in the options (not on anything in the file). */
export const validateOptions = (options: PipelineOptions): void => {
  if (options.athlete.trim() === '') throw new TypeError('options.athlete must not be empty');
  if (!isValidTimezone(options.timezone)) {
    throw new RangeError(
      `options.timezone '${options.timezone}' is not an IANA timezone (like Europe/Berlin)`,
    );
  }
  const share = options.maxRejectedShare;
  if (!(share >= 0 && share <= 1)) throw new RangeError('options.maxRejectedShare must be between 0 and 1');
  const units = options.units;
  if (
    units !== undefined &&
    !(
      (WEIGHT_UNITS as readonly string[]).includes(units.weight) &&
      (DISTANCE_UNITS as readonly string[]).includes(units.distance)
    )
  ) {
    throw new RangeError(
      `options.units must name a weight unit (${WEIGHT_UNITS.join(', ')}) and a distance unit (${DISTANCE_UNITS.join(', ')})`,
    );
  }
};

export const processExport = (input: ByteSource, options: PipelineOptions): PipelineResult => {
  validateOptions(options);
  let settle: { resolve: (r: ExportReport) => void; reject: (e: unknown) => void } | undefined;
  const report = new Promise<ExportReport>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A caller that only iterates must not see an unhandled rejection from the report.
  report.catch(() => undefined);
  let started = false;
  const sessions: AsyncIterable<Session> = {
    [Symbol.asyncIterator]: () => {
      if (started) throw new Error('the sessions of an export can be iterated only once');
      started = true;
      return new SessionIterator(input, new ExportEngine(options), (outcome) =>
        outcome.ok ? settle?.resolve(outcome.report) : settle?.reject(outcome.error),
      );
    },
  };
  return { sessions, report };
};

type Outcome =
  | { readonly ok: true; readonly report: ExportReport }
  | { readonly ok: false; readonly error: unknown };

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Hands out the sessions each input chunk completes. A hand-written iterator rather than an
 * async generator: a session already completed is returned without suspending, where
 * `yield*` in an async generator costs several promise turns per session (5% of the core's
 * time on one-row-per-session exports).
 */
class SessionIterator implements AsyncIterator<Session> {
  private readonly source: AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  private ready: Session[] = [];
  private at = 0;
  private state: 'reading' | 'ended' | 'settled' = 'reading';

  constructor(
    input: ByteSource,
    private readonly engine: ExportEngine,
    private readonly onOutcome: (outcome: Outcome) => void,
  ) {
    this.source = Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : input[Symbol.iterator]();
  }

  next(): Promise<IteratorResult<Session>> {
    const session = this.ready[this.at];
    if (session !== undefined) {
      this.at++;
      return Promise.resolve({ done: false, value: session });
    }
    return this.fill();
  }

  /** The loop stopped early (break, or a throw in its body): close the input, no report. */
  async return(): Promise<IteratorResult<Session>> {
    if (this.state !== 'settled') {
      this.settle({ ok: false, error: new PipelineAbortedError() });
      await this.source.return?.();
    }
    return DONE;
  }

  private async fill(): Promise<IteratorResult<Session>> {
    try {
      while (this.at >= this.ready.length) {
        if (this.state !== 'reading') {
          if (this.state === 'ended') this.settle({ ok: true, report: this.engine.report() });
          return DONE;
        }
        const chunk = await this.source.next();
        if (chunk.done === true) {
          this.state = 'ended';
          this.take(this.engine.end());
        } else {
          this.take(this.engine.push(chunk.value));
          // A file rejected as a whole needs none of its remaining bytes.
          if (this.engine.finished) {
            this.state = 'ended';
            await this.source.return?.();
            this.ready.push(...this.engine.end());
          }
        }
      }
    } catch (error) {
      this.settle({ ok: false, error });
      throw error;
    }
    const session = this.ready[this.at++] as Session;
    return { done: false, value: session };
  }

  private take(sessions: Session[]): void {
    this.ready = sessions;
    this.at = 0;
  }

  private settle(outcome: Outcome): void {
    if (this.state === 'settled') return;
    this.state = 'settled';
    this.onOutcome(outcome);
  }
}

/**
 * Reads an export to the end and returns only its report (the upload's first pass, the CLI,
 * checks). It drives the engine itself: no session is handed out, so none costs a promise
 * and an iterator result (one per row of a one-row-per-session export). Like processExport
 * it stops reading a file rejected as a whole, closing its input, and throws the input's
 * own errors.
 */
export const summarizeExport = async (input: ByteSource, options: PipelineOptions): Promise<ExportReport> => {
  validateOptions(options);
  const engine = new ExportEngine(options);
  // `for await` closes the input on the break, as the session iterator does.
  for await (const chunk of input) {
    engine.push(chunk);
    if (engine.finished) break;
  }
  engine.end();
  return engine.report();
};

/** Reads an export to the end, keeping every session: for small files and tests only. */
export const collectExport = async (
  input: ByteSource,
  options: PipelineOptions,
): Promise<{ sessions: Session[]; report: ExportReport }> => {
  const result = processExport(input, options);
  const sessions: Session[] = [];
  for await (const session of result.sessions) sessions.push(session);
  return { sessions, report: await result.report };
};

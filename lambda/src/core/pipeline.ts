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
 * - `sessions` can be iterated once; or `batches` instead, the same sessions as arrays, one
 *   per input chunk that completed any (a promise per chunk rather than per session). Memory
 *   stays flat in the file size: see sessions.ts for what grouping keeps.
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
  /** The sessions one by one, in file order. */
  readonly sessions: AsyncIterable<Session>;
  /**
   * The same sessions as arrays, as each input chunk completes them (never an empty one):
   * one promise per chunk instead of one per session, for consumers that work in batches.
   * Read either `sessions` or `batches`, once.
   */
  readonly batches: AsyncIterable<readonly Session[]>;
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
  const reader = (): ChunkReader => {
    if (started) throw new Error('the sessions of an export can be iterated only once');
    started = true;
    return new ChunkReader(input, new ExportEngine(options), (outcome) =>
      outcome.ok ? settle?.resolve(outcome.report) : settle?.reject(outcome.error),
    );
  };
  const sessions: AsyncIterable<Session> = { [Symbol.asyncIterator]: () => new SessionIterator(reader()) };
  const batches: AsyncIterable<readonly Session[]> = {
    [Symbol.asyncIterator]: () => new BatchIterator(reader()),
  };
  return { sessions, batches, report };
};

type Outcome =
  | { readonly ok: true; readonly report: ExportReport }
  | { readonly ok: false; readonly error: unknown };

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Feeds the input's chunks to the engine and hands out the sessions each completes; settles
 * the report when the input ends or fails, or the consumer stops early.
 */
class ChunkReader {
  private readonly source: AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  private state: 'reading' | 'ended' | 'settled' = 'reading';

  constructor(
    input: ByteSource,
    private readonly engine: ExportEngine,
    private readonly onOutcome: (outcome: Outcome) => void,
  ) {
    this.source = Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : input[Symbol.iterator]();
  }

  /** The next sessions the input completes (never none), or undefined after the last. */
  async next(): Promise<Session[] | undefined> {
    try {
      for (;;) {
        if (this.state !== 'reading') {
          if (this.state === 'ended') this.settle({ ok: true, report: this.engine.report() });
          return undefined;
        }
        const sessions = await this.read();
        if (sessions.length > 0) return sessions;
      }
    } catch (error) {
      this.settle({ ok: false, error });
      throw error;
    }
  }

  /** The consumer stopped early (break, or a throw in its loop): close the input, no report. */
  async stop(): Promise<void> {
    if (this.state === 'settled') return;
    this.settle({ ok: false, error: new PipelineAbortedError() });
    await this.source.return?.();
  }

  /** The sessions the next chunk completes (or the end of the input does). */
  private async read(): Promise<Session[]> {
    const chunk = await this.source.next();
    if (chunk.done === true) {
      this.state = 'ended';
      return this.engine.end();
    }
    const sessions = this.engine.push(chunk.value);
    if (!this.engine.finished) return sessions;
    // A file rejected as a whole needs none of its remaining bytes.
    this.state = 'ended';
    await this.source.return?.();
    return sessions.concat(this.engine.end());
  }

  private settle(outcome: Outcome): void {
    if (this.state === 'settled') return;
    this.state = 'settled';
    this.onOutcome(outcome);
  }
}

/**
 * The sessions one at a time. A hand-written iterator rather than an async generator: a
 * session already completed is returned without suspending, where `yield*` in an async
 * generator costs several promise turns per session (5% of the core's time on
 * one-row-per-session exports).
 */
class SessionIterator implements AsyncIterator<Session> {
  private ready: Session[] = [];
  private at = 0;

  constructor(private readonly reader: ChunkReader) {}

  next(): Promise<IteratorResult<Session>> {
    const session = this.ready[this.at];
    if (session !== undefined) {
      this.at++;
      return Promise.resolve({ done: false, value: session });
    }
    return this.fill();
  }

  async return(): Promise<IteratorResult<Session>> {
    await this.reader.stop();
    return DONE;
  }

  private async fill(): Promise<IteratorResult<Session>> {
    const sessions = await this.reader.next();
    if (sessions === undefined) return DONE;
    this.ready = sessions;
    this.at = 1;
    return { done: false, value: sessions[0] as Session };
  }
}

/** The sessions of each chunk as one array: one promise per chunk. */
class BatchIterator implements AsyncIterator<readonly Session[]> {
  constructor(private readonly reader: ChunkReader) {}

  async next(): Promise<IteratorResult<readonly Session[]>> {
    const sessions = await this.reader.next();
    return sessions === undefined ? DONE : { done: false, value: sessions };
  }

  async return(): Promise<IteratorResult<readonly Session[]>> {
    await this.reader.stop();
    return DONE;
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
  for await (const batch of result.batches) for (const session of batch) sessions.push(session);
  return { sessions, report: await result.report };
};

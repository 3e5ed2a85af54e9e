import type { RowIssue } from '../errors.js';
import type { SessionFields } from '../model.js';

/**
 * The grouping key of a session: the inputs of its id (see sessionId), so rows that would
 * get one id are always grouped together, whatever the spelling of their raw cells
 * (`10:00` and `10:00:00`, `Aug. 1, 2024` and `2024-08-01`).
 */
export const identityKey = (fields: SessionFields): string =>
  fields.sourceWorkoutId === null
    ? `\u0002${fields.sessionStart}\u0001${fields.name}`
    : `${fields.source}\u0001${fields.sourceWorkoutId}`;

/**
 * Rows of one session repeat its fields (date, name, duration...) on every line. Parsing
 * them once per run of equal raw values, instead of once per row, keeps the strength
 * formats close to raw parsing speed. `key` is the identityKey of the last session built.
 */
export class SessionCache {
  private raw: string | undefined;
  private rawSecond = '';
  private value: SessionFields | RowIssue | undefined;
  key = '';

  get(raw: string, build: () => SessionFields | RowIssue): SessionFields | RowIssue {
    return this.cached(raw) ?? this.store(raw, '', build());
  }

  /**
   * The session of the last row when this row repeats its raw cells (one or two: Strong's
   * Date and Workout Name), else undefined: the hot path without a closure or a joined key
   * per row.
   */
  cached(raw: string, second = ''): SessionFields | RowIssue | undefined {
    return raw === this.raw && second === this.rawSecond ? this.value : undefined;
  }

  /** Remembers the session built from these raw cells; returns it. */
  store(raw: string, second: string, value: SessionFields | RowIssue): SessionFields | RowIssue {
    this.raw = raw;
    this.rawSecond = second;
    this.value = value;
    this.key = isIssue(value) ? '' : identityKey(value);
    return value;
  }
}

export const isIssue = (value: SessionFields | RowIssue): value is RowIssue => 'code' in value;

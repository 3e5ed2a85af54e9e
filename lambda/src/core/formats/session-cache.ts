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
  private value: SessionFields | RowIssue | undefined;
  key = '';

  get(raw: string, build: () => SessionFields | RowIssue): SessionFields | RowIssue {
    if (raw !== this.raw || this.value === undefined) {
      this.raw = raw;
      this.value = build();
      this.key = isIssue(this.value) ? '' : identityKey(this.value);
    }
    return this.value;
  }
}

export const isIssue = (value: SessionFields | RowIssue): value is RowIssue => 'code' in value;

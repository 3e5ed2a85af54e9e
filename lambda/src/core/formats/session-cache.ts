import type { RowIssue } from '../errors.js';
import type { SessionFields } from '../model.js';

/**
 * Rows of one session repeat its fields (date, name, duration...) on every line. Parsing
 * them once per run of equal raw values, instead of once per row, keeps the strength
 * formats close to raw parsing speed.
 */
export class SessionCache {
  private key: string | undefined;
  private value: SessionFields | RowIssue | undefined;

  get(key: string, build: () => SessionFields | RowIssue): SessionFields | RowIssue {
    if (key !== this.key || this.value === undefined) {
      this.key = key;
      this.value = build();
    }
    return this.value;
  }
}

export const isIssue = (value: SessionFields | RowIssue): value is RowIssue => 'code' in value;

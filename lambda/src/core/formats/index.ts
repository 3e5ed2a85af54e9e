import { FileRejectedError } from '../errors.js';
import { canonical } from './canonical.js';
import { fitnotes } from './fitnotes.js';
import { hevy } from './hevy.js';
import { mapmyfitness } from './mapmyfitness.js';
import { strong } from './strong.js';
import type { CsvFormat, HeaderInfo } from './types.js';

/** Checked in order; each format's header test is specific enough that order rarely matters. */
export const CSV_FORMATS: readonly CsvFormat[] = [mapmyfitness, strong, hevy, fitnotes, canonical];

export const JSONL_LABEL = 'canonical JSON Lines (one session object per line)';

export interface Detected {
  readonly format: CsvFormat;
  readonly variant: string;
}

export const knownFormatsText = (): string =>
  [...CSV_FORMATS.map((f) => f.label), JSONL_LABEL].map((label) => `- ${label}`).join('\n');

/** Finds the format from the header alone; an unknown header rejects the whole file. */
export const detectCsvFormat = (header: HeaderInfo): Detected => {
  for (const format of CSV_FORMATS) {
    const variant = format.detect(header);
    if (variant !== undefined) return { format, variant };
  }
  const shown = header.names.slice(0, 8).join(header.delimiter);
  throw new FileRejectedError(
    'UNKNOWN_FORMAT',
    `the header '${shown.length > 200 ? `${shown.slice(0, 197)}...` : shown}' is not one this project recognises. Known formats:\n${knownFormatsText()}`,
    { line: 1 },
  );
};

export type { CsvFormat, HeaderInfo, MappedRow, RowMapper, RowResult } from './types.js';
export { canonical, fitnotes, hevy, mapmyfitness, strong };

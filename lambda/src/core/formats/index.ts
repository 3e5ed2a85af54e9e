import { parseLocalDateTime } from '../dates.js';
import { FileRejectedError } from '../errors.js';
import { parseDecimal } from '../units.js';
import { UnitAssumptions } from './assumed-units.js';
import { canonical } from './canonical.js';
import { fitbod } from './fitbod.js';
import { fitnotes } from './fitnotes.js';
import { garmin } from './garmin.js';
import { hevy } from './hevy.js';
import { mapmyfitness } from './mapmyfitness.js';
import { strong } from './strong.js';
import { looksLikeUnmappedStrong } from './strong-headers.js';
import type { CsvFormat, HeaderInfo } from './types.js';

/** Checked in order; each format's header test is specific enough that order rarely matters. */
export const CSV_FORMATS: readonly CsvFormat[] = [
  mapmyfitness,
  strong,
  hevy,
  fitnotes,
  fitbod,
  garmin,
  canonical,
];

export const JSONL_LABEL = 'canonical JSON Lines (one session object per line)';

export interface Detected {
  readonly format: CsvFormat;
  readonly variant: string;
}

export const knownFormatsText = (): string =>
  [...CSV_FORMATS.map((f) => f.label), JSONL_LABEL].map((label) => `- ${label}`).join('\n');

/** Finds the format from the header alone; an unknown header rejects the whole file. */
export const detectCsvFormat = (
  header: HeaderInfo,
  units: UnitAssumptions = new UnitAssumptions(),
): Detected => {
  for (const format of CSV_FORMATS) {
    const variant = format.detect(header, units);
    if (variant !== undefined) return { format, variant };
  }
  const shown = header.names.slice(0, 8).join(header.delimiter);
  const quoted = `'${shown.length > 200 ? `${shown.slice(0, 197)}...` : shown}'`;
  throw new FileRejectedError(
    'UNKNOWN_FORMAT',
    looksLikeUnmappedStrong(header.names)
      ? `the header ${quoted} looks like a Strong export in a language this project does not read yet (it reads Strong's English, German, Spanish, French and Chinese headers). Set the app's language to English and export again, or send us the header line so it can be added. Known formats:\n${knownFormatsText()}`
      : looksLikeData(header.names)
        ? `the first line ${quoted} looks like a row of data, not a header: the header line seems to be missing. Export the file again from the app (exports start with a line of column names), or add the header of one of the known formats:\n${knownFormatsText()}`
        : `the header ${quoted} is not one this project recognises. Known formats:\n${knownFormatsText()}`,
    { line: 1 },
  );
};

/**
 * Column names are words; a line with two or more dates or numbers in it is a data row,
 * which is what a header-less export (or one whose first lines were cut) starts with.
 */
const looksLikeData = (names: readonly string[]): boolean => {
  let values = 0;
  for (const name of names) {
    const text = name.replace(/^"(.*)"$/, '$1').trim();
    if (text === '') continue;
    const number = parseDecimal(text);
    if ((number !== null && !Number.isNaN(number)) || parseLocalDateTime(text) !== undefined) values++;
  }
  return values >= 2;
};

export type { CsvFormat, HeaderInfo, MappedRow, RowMapper, RowResult } from './types.js';
export { canonical, fitbod, fitnotes, garmin, hevy, mapmyfitness, strong };

import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecords } from '../../../lambda/src/core/csv-records.js';

/** What csv-parse 7 returns with the options the engine used to give it. */
const csvParse = (bytes: Uint8Array, delimiter: string, maxRecordSize: number) => {
  try {
    const records: string[][] = parse(Buffer.from(bytes), {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: maxRecordSize,
    });
    return { records, error: undefined };
  } catch (error) {
    return { records: undefined, error: (error as Error).message };
  }
};

/** CsvRecords fed the same bytes in chunks, decoded as the engine decodes them. */
const ours = (bytes: Uint8Array, delimiter: string, maxRecordSize: number, chunk: number) => {
  const records: string[][] = [];
  const breaks: number[] = [];
  const parser = new CsvRecords(delimiter, maxRecordSize, (fields, lineBreaks) => {
    records.push(fields);
    breaks.push(lineBreaks);
  });
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  try {
    for (let i = 0; i < bytes.length; i += chunk) {
      parser.push(decoder.decode(bytes.subarray(i, i + chunk), { stream: true }));
    }
    parser.push(decoder.decode());
    parser.end();
    return { records, breaks, error: undefined };
  } catch (error) {
    return { records: undefined, breaks, error: (error as Error).message };
  }
};

const PIECES = [
  'a',
  'bc',
  '12.5',
  ' ',
  'é',
  'Ж',
  '😀',
  '\u202f',
  '\uFEFF',
  '\0',
  ',',
  ';',
  '\t',
  '"',
  '"',
  '""',
  '\n',
  '\r',
  '\r\n',
  '",',
  ',"',
  '"\n',
] as const;

const csvText = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));

describe('CsvRecords splits text into records exactly as csv-parse does', () => {
  it('gives the same records, line breaks and errors on arbitrary text in arbitrary chunks', () => {
    fc.assert(
      fc.property(
        csvText,
        fc.constantFrom(',', ';', '\t'),
        fc.boolean(),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom(1024 * 1024, 12, 30),
        (text, delimiter, bom, chunk, maxRecordSize) => {
          // Prepare
          const bytes = new TextEncoder().encode(bom ? `\uFEFF${text}` : text);

          // Act
          const expected = csvParse(bytes, delimiter, maxRecordSize);
          const actual = ours(bytes, delimiter, maxRecordSize, chunk);

          // Assess
          expect(actual.error).toEqual(expected.error);
          expect(actual.records).toEqual(expected.records);
          if (actual.records !== undefined) {
            expect(actual.breaks).toEqual(actual.records.map((r) => r.join('').split('\n').length - 1));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('gives the same records on text without quotes, which is split line by line natively', () => {
    const unquoted = fc
      .array(fc.constantFrom(...PIECES.filter((piece) => !piece.includes('"'))), { maxLength: 80 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        unquoted,
        fc.constantFrom(',', ';'),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(1024 * 1024, 30),
        (text, delimiter, chunk, maxRecordSize) => {
          // Prepare
          const bytes = new TextEncoder().encode(text);

          // Act
          const expected = csvParse(bytes, delimiter, maxRecordSize);
          const actual = ours(bytes, delimiter, maxRecordSize, chunk);

          // Assess
          expect(actual.error).toEqual(expected.error);
          expect(actual.records).toEqual(expected.records);
          expect(actual.breaks).toEqual(actual.records?.map((r) => r.join('').split('\n').length - 1));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads a record longer than a third of the size limit and rejects one above it, as csv-parse', () => {
    // Prepare
    const long = `a,"${'é'.repeat(200)}\n${'x'.repeat(150)}",b\nc,"${'Ж'.repeat(400)}"\n`;
    const bytes = new TextEncoder().encode(long);

    // Act and Assess
    for (const max of [300, 700, 1200]) {
      expect(ours(bytes, ',', max, 7)).toMatchObject(csvParse(bytes, ',', max));
    }
  });

  it('keeps linear time on a long record fed in tiny chunks', () => {
    // Prepare
    const bytes = new TextEncoder().encode(`a,"${'x'.repeat(300_000)}",b\n`);

    // Act
    const started = performance.now();
    const result = ours(bytes, ',', 1024 * 1024, 61);

    // Assess
    expect(result.records?.[0]?.[1]).toHaveLength(300_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

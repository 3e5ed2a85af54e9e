import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLocalDateTime } from '../../../lambda/src/core/dates.js';
import { hashParts, PartWriter } from '../../../lambda/src/core/hash.js';
import { parseDecimal } from '../../../lambda/src/core/units.js';

/**
 * The hot paths replaced regexes and Date objects with hand-written checks. These compare
 * them with the previous implementations, kept here as references, on generated text.
 */
const referenceDecimal = (raw: string): number | null => {
  const text = raw.trim();
  if (text === '') return null;
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return Number(text);
  if (/^[+-]?\d+,\d+$/.test(text)) return Number(text.replace(',', '.'));
  if (/^[+-]?\d{1,3}(,\d{3})+\.\d+$/.test(text)) return Number(text.replaceAll(',', ''));
  if (/^[+-]?\d{1,3}(\.\d{3})+,\d+$/.test(text)) return Number(text.replaceAll('.', '').replace(',', '.'));
  return Number.NaN;
};

const referenceIsRealDate = (y: number, m: number, d: number): boolean =>
  m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The definition of a hash over parts: the parts joined as text, hashed as Node hashes a string. */
const referenceHash = (parts: readonly (string | number | null)[]): string =>
  createHash('sha256')
    .update(
      parts
        .map((part) => {
          if (part === null) return '1:\u0000';
          const text = typeof part === 'string' ? `s${part}` : `#${part}`;
          return `${text.length}:${text}`;
        })
        .join(''),
    )
    .digest('hex');

/** Texts with ASCII, other scripts, emoji, NUL and lone surrogates; numbers of every kind. */
const part = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({
    unit: fc.constantFrom('a', 'é', '\u{1F3CB}', '\ud83d', '\udc4d', '\u0000', ':'),
    maxLength: 8,
  }),
  fc.string({ maxLength: 40 }),
  fc.constant(null),
  fc.double(),
  fc.integer(),
  fc.nat({ max: 2_000_000_000 }),
  fc.constantFrom(0, -0, 9, 10, 99, 100, 999_999_999, 1e9, 1e21, 60.5, 0.1, -2.25),
);

const numberText = fc
  .array(fc.constantFrom('0', '1', '7', '9', '.', ',', '+', '-', ' ', 'e', '1e3', '٣'), { maxLength: 10 })
  .map((parts) => parts.join(''));

describe('fast paths agree with the general parsers they shortcut', () => {
  it('reads every decimal as the regex-only parser did', () => {
    fc.assert(
      fc.property(numberText, (text) => {
        expect(Object.is(parseDecimal(text), referenceDecimal(text))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads decimals of every length to the double Number() gives, not one ulp off', () => {
    // The value is computed from the digits up to 15 of them: this covers the limit, both
    // marks at every place, signs and leading zeros, where one wrong rounding would show.
    const decimal = fc
      .tuple(
        fc.constantFrom('', '+', '-'),
        fc.array(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.nat({ max: 20 }),
        fc.constantFrom('.', ','),
      )
      .map(([sign, digits, at, mark]) => {
        const point = Math.min(at, digits.length);
        return `${sign}${digits.slice(0, point).join('')}${mark}${digits.slice(point).join('')}`;
      });
    fc.assert(
      fc.property(decimal, (text) => {
        expect(Object.is(parseDecimal(text), referenceDecimal(text))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    for (const text of [
      '0.1',
      '0.3',
      '123456789012345',
      '1234567890123456',
      '9007199254740993',
      '-0',
      '-0,0',
    ]) {
      expect(Object.is(parseDecimal(text), referenceDecimal(text))).toBe(true);
    }
  });

  it('accepts exactly the calendar days Date.UTC accepted, years 0-99 and leap years included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${String(y).padStart(4, '0')}-${m}-${d}`;
          expect(parseLocalDateTime(text) !== undefined).toBe(referenceIsRealDate(y, m, d));
        },
      ),
      { numRuns: 5000 },
    );
    for (const y of [0, 4, 24, 100, 1900, 2000, 2024, 2100]) {
      expect(parseLocalDateTime(`${String(y).padStart(4, '0')}-02-29`) !== undefined).toBe(
        referenceIsRealDate(y, 2, 29),
      );
    }
  });

  it('gives the same answer for a date text read twice in a row or after another', () => {
    // Prepare
    const texts = ['May 6, 2025', 'May 6, 2025', '31-Jul-24', 'Feb 30, 2024', 'Feb 30, 2024', 'May 6, 2025'];

    // Act
    const read = texts.map((t) => parseLocalDateTime(t));

    // Assess
    expect(read).toEqual([
      '2025-05-06T00:00:00',
      '2025-05-06T00:00:00',
      '2024-07-31T00:00:00',
      undefined,
      undefined,
      '2025-05-06T00:00:00',
    ]);
  });
});

describe('the bytes hashed for ids and content hashes', () => {
  it('hash to what the joined parts hash to as a string', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
        expect(hashParts(parts)).toBe(referenceHash(parts));
      }),
      { numRuns: 5000 },
    );
  });

  it('start every digest with the kept prefix and nothing of the digest before', () => {
    fc.assert(
      fc.property(
        fc.array(part, { maxLength: 4 }),
        fc.array(fc.array(part, { maxLength: 300 })),
        (prefix, runs) => {
          // Prepare
          const writer = new PartWriter();
          for (const p of prefix) typeof p === 'number' ? writer.number(p) : writer.text(p);
          writer.keep();

          for (const parts of runs) {
            // Act
            for (const p of parts) typeof p === 'number' ? writer.number(p) : writer.text(p);

            // Assess
            expect(writer.digest()).toBe(referenceHash([...prefix, ...parts]));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

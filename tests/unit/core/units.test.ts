import { describe, expect, it } from 'vitest';
import { parseLocalDateTime } from '../../../lambda/src/core/dates.js';
import { parseDecimal, parseDurationS, toKg, toMetres } from '../../../lambda/src/core/units.js';

describe('numbers, units and durations', () => {
  it.each([
    ['62.5', 62.5],
    ['62,5', 62.5],
    ['1,234.5', 1234.5],
    ['1.234,5', 1234.5],
    [' 80 ', 80],
    ['', null],
  ])('reads the decimal %j', (raw, expected) => {
    expect(parseDecimal(raw)).toBe(expected);
  });

  it('marks text that is not a number', () => {
    expect(parseDecimal('ten')).toBeNaN();
  });

  it.each([
    ['1:02:03', 3723],
    ['02:03', 123],
    ['1h 2m', 3720],
    ['1h 2m 3s', 3723],
    ['45m', 2700],
    ['90', 90],
    ['90,5', 90.5],
    ['', null],
  ])('reads the duration %j as seconds', (raw, expected) => {
    expect(parseDurationS(raw)).toBe(expected);
  });

  it.each(['abc', '1:75', '1:61:00'])('refuses the duration %j', (raw) => {
    expect(parseDurationS(raw)).toBeNaN();
  });

  it('converts pounds, miles, kilometres, yards and feet exactly once', () => {
    expect(toKg(100, 'lbs')).toBe(45.359237);
    expect(toKg(100, 'kg')).toBe(100);
    expect(toMetres(1, 'mi')).toBe(1609.344);
    expect(toMetres(5.2, 'km')).toBe(5200);
    expect(toMetres(100, 'yd')).toBe(91.44);
    expect(toMetres(10, 'ft')).toBe(3.048);
  });
});

describe('dates', () => {
  it.each([
    ['2024-05-01', '2024-05-01T00:00:00'],
    ['2024-05-01 07:30:00', '2024-05-01T07:30:00'],
    ['2024-05-01T07:30', '2024-05-01T07:30:00'],
    ['2024-05-01T07:30:00Z', '2024-05-01T07:30:00'],
    ['2023-05-01 7:04:21 PM', '2023-05-01T19:04:21'],
    ['2023-05-01 12:04 AM', '2023-05-01T00:04:00'],
    ['May 6, 2025', '2025-05-06T00:00:00'],
    ['Aug. 1, 2024', '2024-08-01T00:00:00'],
    ['Sept. 3, 2024', '2024-09-03T00:00:00'],
    ['June 6, 2025', '2025-06-06T00:00:00'],
    ['31-Jul-24', '2024-07-31T00:00:00'],
    ['26 Aug 2023, 10:46', '2023-08-26T10:46:00'],
  ])('keeps %j as local time', (raw, expected) => {
    expect(parseLocalDateTime(raw)).toBe(expected);
  });

  it.each([
    '2024-02-30',
    '2024-13-01',
    'Foo 1, 2024',
    '31-Xyz-24',
    'yesterday',
    '2024-05-01 25:00',
    '2024-05-01 13:00 PM',
  ])('refuses %j', (raw) => {
    expect(parseLocalDateTime(raw)).toBeUndefined();
  });
});

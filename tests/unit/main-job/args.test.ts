import { describe, expect, it } from 'vitest';
import { timezoneOptionProblem } from '../../../scripts/lib/timezone-option.js';
import { parseMainJobArgs, USAGE } from '../../../scripts/main-job/args.js';
import { parseProcessArgs } from '../../../scripts/process.js';

describe('main job command line', () => {
  it('runs the samples for athlete demo once when given nothing', () => {
    expect(parseMainJobArgs([])).toEqual({
      files: [],
      athlete: 'demo',
      twice: false,
      nameSuffix: undefined,
      timezone: undefined,
      outDir: undefined,
      date: undefined,
      help: false,
    });
  });

  it('takes the day gold reprocesses, refusing anything but a calendar day', () => {
    expect(parseMainJobArgs(['--date', '2024-09-18']).date).toBe('2024-09-18');
    expect(() => parseMainJobArgs(['--date', '2024-02-30'])).toThrow(
      "--date '2024-02-30' must be a calendar day written YYYY-MM-DD, such as 2024-09-18 (a day of the samples).",
    );
  });

  it("takes the person's own files, a second pass, an athlete and a name suffix", () => {
    const options = parseMainJobArgs([
      'a.csv',
      '--twice',
      '--athlete',
      'ana',
      'b.jsonl',
      '--name-suffix',
      't-1',
    ]);

    expect(options).toMatchObject({
      files: ['a.csv', 'b.jsonl'],
      twice: true,
      athlete: 'ana',
      nameSuffix: 't-1',
    });
  });

  it('rejects an unknown flag as a usage error pointing at --help', () => {
    expect(() => parseMainJobArgs(['--fast'])).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => parseMainJobArgs(['--fast'])).toThrow(/--help/);
  });

  it('rejects an athlete that cannot be one segment of an S3 key', () => {
    expect(() => parseMainJobArgs(['--athlete', 'a/b'])).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('rejects a name suffix that would make an invalid bucket name', () => {
    expect(() => parseMainJobArgs(['--name-suffix', 'Upper_Case'])).toThrow(
      expect.objectContaining({ code: 'USAGE' }),
    );
  });

  it('takes an IANA --timezone and an --out folder', () => {
    expect(parseMainJobArgs(['--timezone', 'Europe/Berlin', '--out', 'results'])).toMatchObject({
      timezone: 'Europe/Berlin',
      outDir: 'results',
    });
  });

  it('refuses a --timezone that is not an IANA timezone, with the same message as npm run process', () => {
    const attempt = () => parseMainJobArgs(['--timezone', 'Mars/Olympus']);

    expect(attempt).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(attempt).toThrow(timezoneOptionProblem('Mars/Olympus') as string);
    expect(() => parseProcessArgs(['--timezone', 'Mars/Olympus', 'a.csv'])).toThrow(
      timezoneOptionProblem('Mars/Olympus') as string,
    );
    expect(() => parseMainJobArgs(['--timezone', ''])).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('refuses an empty --out and an --out without a value', () => {
    expect(() => parseMainJobArgs(['--out', ' '])).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => parseMainJobArgs(['--out'])).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('documents every flag in the help text', () => {
    for (const flag of [
      '--twice',
      '--athlete',
      '--timezone',
      '--out',
      '--name-suffix',
      '--help',
      'AWS_ENDPOINT_URL',
    ]) {
      expect(USAGE).toContain(flag);
    }
  });
});

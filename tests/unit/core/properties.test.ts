import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectExport, processExport, summarizeExport } from '../../../lambda/src/core/index.js';
import {
  expectedSessions,
  GENERATOR_FORMATS,
  GENERATOR_LANGUAGES,
  generateExport,
  generateText,
} from '../../../scripts/lib/generate/index.js';
import { chunked, OPTIONS, run, text } from './helpers.js';

const idsAndHashes = (sessions: readonly { id: string; contentHash: string }[]) =>
  sessions.map((s) => `${s.id}/${s.contentHash}`).sort();

describe('properties of the core', () => {
  it('reads generated exports back to exactly the sessions generated, rejecting only the bad rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...GENERATOR_FORMATS),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        fc.constantFrom(...GENERATOR_LANGUAGES),
        async (format, sessions, seed, badRows, repeatedBlocks, language) => {
          // Prepare: exercises done twice in a workout, Strong's localized headers, short rows.
          const options = { format, sessions, seed, badRows, repeatedBlocks, language };

          // Act
          const { sessions: read, report } = await run(generateText(options), { maxRejectedShare: 1 });

          // Assess
          expect(report.status).toBe('ok');
          expect(report.rejectedCount).toBe(badRows);
          expect(idsAndHashes(read)).toEqual(idsAndHashes(expectedSessions(options)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reports the same when only the report is read as when every session is', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...GENERATOR_FORMATS),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom(0, 0.2, 1),
        async (format, sessions, seed, badRows, size, maxRejectedShare) => {
          // Prepare: some files rejected as a whole (no rows, too many bad ones).
          const bytes = text(generateText({ format, sessions, seed, badRows }));
          const options = { ...OPTIONS, maxRejectedShare };

          // Act
          const summary = await summarizeExport(chunked(bytes, size), options);
          const { report } = await collectExport(chunked(bytes, size), options);

          // Assess
          expect(summary).toEqual(report);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('hands out the same sessions and report one by one as in batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...GENERATOR_FORMATS),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 3000 }),
        async (format, sessions, seed, badRows, size) => {
          // Prepare
          const bytes = text(generateText({ format, sessions, seed, badRows }));
          const options = { ...OPTIONS, maxRejectedShare: 1, openSessionLimit: 2 };

          // Act
          const one = processExport(chunked(bytes, size), options);
          const single = [];
          for await (const session of one.sessions) single.push(session);
          const { sessions: batched, report } = await collectExport(chunked(bytes, size), options);

          // Assess
          expect(batched).toEqual(single);
          expect(report).toEqual(await one.report);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never crashes on arbitrary bytes: always a report, ok or rejected', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.integer({ min: 1, max: 64 }),
        async (bytes, size) => {
          const report = await summarizeExport(chunked(bytes, size), OPTIONS);
          expect(['ok', 'rejected']).toContain(report.status);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never crashes on arbitrary rows under a known header', async () => {
    const headers = GENERATOR_FORMATS.map((format) => generateText({ format, sessions: 0 }));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...headers),
        fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { maxLength: 20 }),
        async (header, rows) => {
          const report = await summarizeExport([text(header + rows.join('\n'))], {
            ...OPTIONS,
            maxRejectedShare: 1,
          });
          expect(
            report.status === 'ok' ||
              ['MALFORMED_FILE', 'NOT_TEXT', 'NO_DATA_ROWS'].includes(report.code ?? ''),
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same ids and hashes when sessions are reordered, and for canonical files when rows are', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('strong', 'hevy', 'fitnotes', 'canonical'),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        async (format, seed, shuffleSeed) => {
          // Prepare: an app writes a workout's sets in the order they were done, and that
          // order is the sets' numbering; the canonical formats carry their own numbers.
          const [header = '', ...pieces] = [
            ...generateExport({ format, sessions: 5, seed, repeatedBlocks: true }),
          ];
          const eol = header.endsWith('\r\n') ? '\r\n' : '\n';
          const shuffle = <T>(items: T[]): T[] =>
            fc.sample(fc.shuffledSubarray(items, { minLength: items.length }), {
              seed: shuffleSeed,
              numRuns: 1,
            })[0] ?? items;
          const reordered = shuffle(pieces).map((piece) => {
            if (format !== 'canonical') return piece;
            const rows = piece.split(/\n(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter((r) => r !== '');
            return `${shuffle(rows).join(eol)}${eol}`;
          });

          // Act
          const original = await run(header + pieces.join(''));
          const shuffled = await run(header + reordered.join(''));

          // Assess
          expect(idsAndHashes(shuffled.sessions)).toEqual(idsAndHashes(original.sessions));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('accounts for every row once, however rows are repeated, reordered and spread apart', async () => {
    // A record ends at a line break outside quotes (notes may hold line breaks inside quotes).
    const records = (piece: string): string[] =>
      piece.split(/\r?\n(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter((r) => r !== '');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...GENERATOR_FORMATS),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        async (format, seed, badRows, openSessionLimit, mixSeed) => {
          // Prepare: some rows twice, all of them shuffled, few sessions open at a time.
          const [header = '', ...pieces] = [
            ...generateExport({ format, sessions: 4, seed, badRows, repeatedBlocks: true }),
          ];
          const rows = pieces.flatMap(records);
          const [repeated = [], order = rows] = fc.sample(
            fc.tuple(fc.subarray(rows), fc.shuffledSubarray(rows, { minLength: rows.length })),
            { seed: mixSeed, numRuns: 1 },
          )[0] ?? [[], rows];
          const mixed = [...order, ...repeated];
          const eol = header.endsWith('\r\n') ? '\r\n' : '\n';

          // Act
          const { sessions, report } = await run(`${header}${mixed.join(eol)}${eol}`, {
            maxRejectedShare: 1,
            openSessionLimit,
          });

          // Assess: every row is kept (a set, or a session without sets), a duplicate,
          // skipped or rejected: exactly one of them.
          const kept = sessions.reduce((n, s) => n + Math.max(s.sets.length, 1), 0);
          expect(report.rows).toBe(mixed.length);
          expect(kept + report.duplicates + report.skipped + report.rejectedCount).toBe(report.rows);
          expect(new Set(sessions.map((s) => s.id)).size).toBe(sessions.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  collectExport,
  PipelineAbortedError,
  processExport,
  summarizeExport,
} from '../../../lambda/src/core/index.js';
import { OPTIONS, run, text } from './helpers.js';

const HEADER = 'Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n';
const row = (date: string, name: string, exercise: string, order: number, kg: number) =>
  `${date};${name};${exercise};${order};${kg};kg;5\n`;

describe('sessions and their ids', () => {
  it('groups rows of one workout that are not next to each other', async () => {
    // Prepare
    const csv =
      HEADER +
      row('2024-01-01 10:00', 'A', 'Squat', 1, 100) +
      row('2024-01-02 10:00', 'B', 'Bench', 1, 60) +
      row('2024-01-01 10:00', 'A', 'Squat', 2, 100);

    // Act
    const { sessions } = await run(csv);

    // Assess
    expect(sessions.map((s) => [s.name, s.sets.length]).sort()).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
  });

  it('gives the same ids and hashes whatever the order of sessions', async () => {
    // Prepare
    const a1 = row('2024-01-01 10:00', 'A', 'Squat', 1, 100);
    const a2 = row('2024-01-01 10:00', 'A', 'Squat', 2, 105);
    const b1 = row('2024-01-02 10:00', 'B', 'Bench', 1, 60);

    // Act
    const forward = await run(HEADER + a1 + a2 + b1);
    const backward = await run(HEADER + b1 + a1 + a2);

    // Assess
    const key = (s: { id: string; contentHash: string }) => `${s.id}/${s.contentHash}`;
    expect(backward.sessions.map(key).sort()).toEqual(forward.sessions.map(key).sort());
  });

  it('numbers sets by their place in the workout, so the order they were done is kept', async () => {
    // Prepare: the same two sets in the other order are another workout (the heavier first).
    const a1 = row('2024-01-01 10:00', 'A', 'Squat', 1, 100);
    const a2 = row('2024-01-01 10:00', 'A', 'Squat', 2, 105);

    // Act
    const forward = await run(HEADER + a1 + a2);
    const swapped = await run(HEADER + a2 + a1);

    // Assess
    expect(swapped.sessions[0]?.id).toBe(forward.sessions[0]?.id);
    expect(swapped.sessions[0]?.sets.map((s) => [s.setIndex, s.weightKg])).toEqual([
      [1, 105],
      [2, 100],
    ]);
    expect(swapped.sessions[0]?.contentHash).not.toBe(forward.sessions[0]?.contentHash);
  });

  it('keeps an exercise done again later in the workout as more sets, numbered on', async () => {
    // Prepare: Squat, then Bench, then Squat again with its numbers starting at 1.
    const csv =
      HEADER +
      row('2024-01-01 10:00', 'A', 'Squat', 1, 100) +
      row('2024-01-01 10:00', 'A', 'Squat', 2, 100) +
      row('2024-01-01 10:00', 'A', 'Bench', 1, 60) +
      row('2024-01-01 10:00', 'A', 'Squat', 1, 80) +
      row('2024-01-01 10:00', 'A', 'Squat', 2, 70);

    // Act
    const { sessions, report } = await run(csv);

    // Assess
    expect(report).toMatchObject({ rejectedCount: 0, duplicates: 0, sets: 5 });
    expect(sessions[0]?.sets.map((s) => [s.exercise, s.setIndex, s.weightKg, s.line])).toEqual([
      ['Bench', 1, 60, 4],
      ['Squat', 1, 100, 2],
      ['Squat', 2, 100, 3],
      ['Squat', 3, 80, 5],
      ['Squat', 4, 70, 6],
    ]);
  });

  it('keeps a superset written alternately as one block, and counts an adjacent repeated row once', async () => {
    // Prepare: A1 B1 A2 B2, then B2 again.
    const at = (exercise: string, order: number, kg: number) =>
      row('2024-01-01 10:00', 'A', exercise, order, kg);
    const csv =
      HEADER + at('Curl', 1, 10) + at('Dip', 1, 0) + at('Curl', 2, 12) + at('Dip', 2, 5) + at('Dip', 2, 5);

    // Act
    const { sessions, report } = await run(csv);

    // Assess
    expect(report).toMatchObject({ sets: 4, duplicates: 1, rejectedCount: 0 });
    expect(sessions[0]?.sets.map((s) => [s.exercise, s.setIndex, s.weightKg])).toEqual([
      ['Curl', 1, 10],
      ['Curl', 2, 12],
      ['Dip', 1, 0],
      ['Dip', 2, 5],
    ]);
  });

  it('counts a workout repeated while it is still open as duplicates, block by block', async () => {
    // Prepare: a workout with two Squat blocks, B in between, then the whole workout again.
    const a =
      row('2024-01-01 10:00', 'A', 'Squat', 1, 100) +
      row('2024-01-01 10:00', 'A', 'Bench', 1, 60) +
      row('2024-01-01 10:00', 'A', 'Squat', 1, 80);
    const b = row('2024-01-02 10:00', 'B', 'Bench', 1, 60);

    // Act
    const { sessions, report } = await run(HEADER + a + b + a);

    // Assess
    expect(report).toMatchObject({ duplicates: 3, rejectedCount: 0, sets: 4 });
    expect(sessions.find((s) => s.name === 'A')?.sets.map((s) => [s.exercise, s.setIndex])).toEqual([
      ['Bench', 1],
      ['Squat', 1],
      ['Squat', 2],
    ]);
  });

  it('counts a late repeat of a workout once per row when one of its rows conflicts', async () => {
    // Prepare: A, then B closes A (open limit 1), then A again with a conflicting extra row.
    const a = row('2024-01-01 10:00', 'A', 'Squat', 1, 100);
    const b = row('2024-01-02 10:00', 'B', 'Bench', 1, 60);
    const conflicting = row('2024-01-01 10:00', 'A', 'Squat', 1, 105);

    // Act
    const { sessions, report } = await run(HEADER + a + b + a + conflicting, { openSessionLimit: 1 });

    // Assess: 4 rows = 2 kept + 1 duplicate + 1 rejected.
    const kept = sessions.reduce((n, s) => n + s.sets.length, 0);
    expect({ kept, duplicates: report.duplicates, rejected: report.rejectedCount }).toEqual({
      kept: 2,
      duplicates: 1,
      rejected: 1,
    });
    expect(report.rejected.map((i) => [i.line, i.code])).toEqual([[5, 'CONFLICTING_SET']]);
  });

  it('numbers a set new in a second replay after every set its exercise already has', async () => {
    // Prepare: A (Squat 1-2, Bench 1-2), B, A again (Squat only), C, A again with a Bench 3.
    const at = (exercise: string, order: number, kg: number) =>
      row('2024-01-01 10:00', 'A', exercise, order, kg);
    const a = at('Squat', 1, 100) + at('Squat', 2, 100) + at('Bench', 1, 60) + at('Bench', 2, 60);
    const b = row('2024-01-02 10:00', 'B', 'Row', 1, 50);
    const c = row('2024-01-03 10:00', 'C', 'Row', 1, 50);

    // Act
    const { sessions, report } = await run(
      HEADER + a + b + at('Squat', 1, 100) + c + at('Bench', 1, 60) + at('Bench', 3, 65),
    );

    // Assess
    expect(report).toMatchObject({ duplicates: 2, rejectedCount: 0 });
    expect(
      sessions.find((s) => s.name === 'A')?.sets.map((s) => [s.exercise, s.setIndex, s.weightKg]),
    ).toEqual([
      ['Bench', 1, 60],
      ['Bench', 2, 60],
      ['Bench', 3, 65],
      ['Squat', 1, 100],
      ['Squat', 2, 100],
    ]);
  });

  it('recognises a workout repeated further apart than any window, and stores it once', async () => {
    // Prepare: 12,000 one-set workouts, then the first one again.
    const rows: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      const day = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      rows.push(row(`${day} 10:00`, 'W', 'Squat', 1, 100));
    }

    // Act
    const { sessions, report } = await run(HEADER + rows.join('') + rows[0], { openSessionLimit: 10 });

    // Assess
    expect(report).toMatchObject({ sessions: 12_000, duplicates: 1, rejectedCount: 0 });
    expect(new Set(sessions.map((s) => s.id)).size).toBe(12_000);
  });

  it('changes the content hash, not the id, when a set changes', async () => {
    // Act
    const before = await run(HEADER + row('2024-01-01 10:00', 'A', 'Squat', 1, 100));
    const after = await run(HEADER + row('2024-01-01 10:00', 'A', 'Squat', 1, 102.5));

    // Assess
    expect(after.sessions[0]?.id).toBe(before.sessions[0]?.id);
    expect(after.sessions[0]?.contentHash).not.toBe(before.sessions[0]?.contentHash);
  });

  it('gives different athletes different session ids for the same workout', async () => {
    // Act
    const ann = await run(HEADER + row('2024-01-01 10:00', 'A', 'Squat', 1, 100), { athlete: 'ann' });
    const bob = await run(HEADER + row('2024-01-01 10:00', 'A', 'Squat', 1, 100), { athlete: 'bob' });

    // Assess
    expect(ann.sessions[0]?.id).not.toBe(bob.sessions[0]?.id);
  });

  it('counts a whole workout repeated later in the file as duplicates', async () => {
    // Prepare
    const a = row('2024-01-01 10:00', 'A', 'Squat', 1, 100) + row('2024-01-01 10:00', 'A', 'Squat', 2, 100);
    const b = row('2024-01-02 10:00', 'B', 'Bench', 1, 60);

    // Act
    const { sessions, report } = await run(HEADER + a + b + a, { openSessionLimit: 1 });

    // Assess
    expect(sessions).toHaveLength(2);
    expect(report).toMatchObject({ duplicates: 2, rejectedCount: 0 });
  });

  it('rejects a late row of a workout that was already complete, instead of splitting it', async () => {
    // Prepare
    const csv =
      HEADER +
      row('2024-01-01 10:00', 'A', 'Squat', 1, 100) +
      row('2024-01-02 10:00', 'B', 'Bench', 1, 60) +
      row('2024-01-01 10:00', 'A', 'Squat', 2, 100);

    // Act
    const { sessions, report } = await run(csv, { openSessionLimit: 1 });

    // Assess
    expect(sessions.find((s) => s.name === 'A')?.sets).toHaveLength(1);
    expect(report.rejected.map((i) => [i.line, i.code])).toEqual([[4, 'SPLIT_SESSION']]);
  });

  it('groups two spellings of one start time as one workout', async () => {
    // Prepare: '10:00' and '10:00:00' differ as text but give one session id.
    const csv =
      HEADER +
      row('2024-01-01 10:00', 'A', 'Squat', 1, 100) +
      row('2024-01-01 10:00:00', 'A', 'Squat', 2, 100) +
      row('2024-01-01 10:00', 'A', 'Squat', 1, 100);

    // Act
    const { sessions, report } = await run(csv);

    // Assess
    expect(sessions.map((s) => s.sets.map((set) => set.line))).toEqual([[2, 3]]);
    expect(report).toMatchObject({ duplicates: 1, rejectedCount: 0 });
  });

  it('never emits a second session with an id already emitted, however far apart', async () => {
    // Prepare: B closes A (open limit 1) before A's other spelling arrives.
    const b = row('2024-01-02 10:00', 'B', 'Bench', 1, 60);
    const same =
      HEADER +
      row('2024-01-01 10:00', 'A', 'Squat', 1, 100) +
      b +
      row('2024-01-01 10:00:00', 'A', 'Squat', 1, 100);
    const differing =
      HEADER +
      row('2024-01-01 10:00', 'A', 'Squat', 1, 100) +
      b +
      row('2024-01-01 10:00:00', 'A', 'Squat', 1, 90);

    // Act
    const repeated = await run(same, { openSessionLimit: 1 });
    const conflicting = await run(differing, { openSessionLimit: 1 });

    // Assess
    expect(repeated.sessions).toHaveLength(2);
    expect(repeated.report).toMatchObject({ duplicates: 1, rejectedCount: 0 });
    expect(conflicting.sessions.map((s) => s.name).sort()).toEqual(['A', 'B']);
    expect(conflicting.report.rejected.map((i) => [i.line, i.code])).toEqual([[4, 'SPLIT_SESSION']]);
  });

  it('rejects a row that contradicts its workout, and accepts one that leaves a value out', async () => {
    // Prepare: Strong writes Workout Notes on a workout's first row only.
    const csv =
      'Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;Workout Notes;Workout Duration\n' +
      '2024-01-01 10:00;A;Squat;1;100;kg;5;good day;1h\n' +
      '2024-01-01 10:00;A;Squat;2;100;kg;5;;1h\n' +
      '2024-01-02 10:00;B;Bench;1;60;kg;5;;30m\n' +
      '2024-01-01 10:00;A;Squat;3;100;kg;5;;45m\n';

    // Act
    const { sessions, report } = await run(csv, { maxRejectedShare: 1 });

    // Assess
    expect(sessions.find((s) => s.name === 'A')).toMatchObject({ durationS: 3600, notes: 'good day' });
    expect(sessions.find((s) => s.name === 'A')?.sets.map((set) => set.setIndex)).toEqual([1, 2]);
    expect(report.rejected.map((i) => [i.line, i.code])).toEqual([[5, 'CONFLICTING_SESSION']]);
    expect(report.rejected[0]?.message).toContain('the workout duration');
  });

  it('accounts for every row when a late group is rejected: its repeated rows are duplicates', async () => {
    // Prepare: rows 4 and 5 are one late, differing group; row 5 repeats row 4.
    const late = row('2024-01-01 10:00', 'A', 'Squat', 1, 90);
    const csv =
      HEADER +
      row('2024-01-01 10:00', 'A', 'Squat', 1, 100) +
      row('2024-01-02 10:00', 'B', 'Bench', 1, 60) +
      late +
      late;

    // Act
    const { report } = await run(csv, { openSessionLimit: 1 });

    // Assess
    expect(report.rejected.map((i) => [i.line, i.code])).toEqual([[4, 'SPLIT_SESSION']]);
    expect(report).toMatchObject({ rows: 4, sets: 2, duplicates: 1, rejectedCount: 1, skipped: 0 });
  });
});

describe('the streaming API', () => {
  it('emits sessions before the input has ended', async () => {
    // Prepare
    let fed = 0;
    const many = Array.from({ length: 200 }, (_, i) =>
      row(`2024-01-${String((i % 28) + 1).padStart(2, '0')} 10:00`, `W${i}`, 'Squat', 1, 100),
    ).join('');
    async function* input() {
      for (const part of [HEADER, many, many]) {
        fed++;
        yield text(part);
      }
    }

    // Act
    const result = processExport(input(), { ...OPTIONS, openSessionLimit: 5 });
    const iterator = result.sessions[Symbol.asyncIterator]();
    await iterator.next();

    // Assess
    expect(fed).toBeLessThan(3);
    await iterator.return?.();
  });

  it('rejects the report when the consumer stops reading sessions early', async () => {
    // Prepare
    const result = processExport([text(HEADER + row('2024-01-01 10:00', 'A', 'Squat', 1, 100))], OPTIONS);

    // Act
    for await (const _ of result.sessions) break;

    // Assess
    await expect(result.report).rejects.toBeInstanceOf(PipelineAbortedError);
  });

  it('closes the input when the consumer stops reading early', async () => {
    // Prepare
    let closed = false;
    async function* input() {
      try {
        yield text(HEADER + row('2024-01-01 10:00', 'A', 'Squat', 1, 100));
        yield text(row('2024-01-02 10:00', 'B', 'Squat', 1, 100));
      } finally {
        closed = true;
      }
    }
    const result = processExport(input(), { ...OPTIONS, openSessionLimit: 1 });

    // Act
    for await (const _ of result.sessions) break;

    // Assess
    expect(closed).toBe(true);
    await expect(result.report).rejects.toBeInstanceOf(PipelineAbortedError);
  });

  it.each([
    [
      'sessions and report',
      async (input: AsyncIterable<Uint8Array>) => (await collectExport(input, OPTIONS)).report,
    ],
    ['the report only', (input: AsyncIterable<Uint8Array>) => summarizeExport(input, OPTIONS)],
  ])('stops reading a file rejected as a whole and closes its input, read for %s', async (_, read) => {
    // Prepare
    let chunksRead = 0;
    let closed = false;
    async function* input() {
      try {
        // Past the 4 KiB the engine looks at before it decides, so the first chunk decides.
        const zipHead = `PK\u0003\u0004${'x'.repeat(5000)}\n`;
        for (const part of [zipHead, 'more\n', 'and more\n']) {
          chunksRead++;
          yield text(part);
        }
      } finally {
        closed = true;
      }
    }

    // Act
    const report = await read(input());

    // Assess
    expect(report).toMatchObject({ status: 'rejected', code: 'NOT_TEXT', sessions: 0 });
    expect(chunksRead).toBe(1);
    expect(closed).toBe(true);
  });

  it('throws the error of its input when only the report is read', async () => {
    // Prepare: the network fails after the first chunk.
    async function* input() {
      yield text('Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n');
      throw new Error('socket hang up');
    }

    // Act / Assess
    await expect(summarizeExport(input(), OPTIONS)).rejects.toThrow('socket hang up');
  });

  it('passes an input error through, so the caller can retry', async () => {
    // Prepare
    async function* failing() {
      yield text(HEADER);
      throw new Error('socket hang up');
    }

    // Act
    const result = processExport(failing(), OPTIONS);
    const reading = (async () => {
      for await (const _ of result.sessions) {
        // nothing
      }
    })();

    // Assess
    await expect(reading).rejects.toThrow('socket hang up');
    await expect(result.report).rejects.toThrow('socket hang up');
  });

  it('refuses bad options at once', () => {
    expect(() => processExport([], { ...OPTIONS, athlete: ' ' })).toThrow(TypeError);
    expect(() => processExport([], { ...OPTIONS, timezone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => processExport([], { ...OPTIONS, maxRejectedShare: 2 })).toThrow(RangeError);
  });

  it('summarizes without keeping sessions and streams every rejected row to a callback', async () => {
    // Prepare
    const seen: number[] = [];
    const csv = `${HEADER}2024-01-01 10:00;A;Squat;1;x;kg;5\n2024-01-01 10:00;A;Squat;2;y;kg;5\n`;

    // Act
    const report = await summarizeExport([text(csv)], {
      ...OPTIONS,
      maxRejectedShare: 1,
      maxRejectedListed: 1,
      onRejected: (issue) => seen.push(issue.line),
    });

    // Assess
    expect(report).toMatchObject({ rejectedCount: 2, sourceName: null });
    expect(report.rejected).toHaveLength(1);
    expect(seen).toEqual([2, 3]);
  });

  /** `count` numbered sets of one workout, enough rows to pass the engine's first look. */
  const sets = (date: string, name: string, count: number): string =>
    Array.from({ length: count }, (_, i) => row(date, name, 'Squat', i + 1, 100)).join('');

  it('stops for a consumer of batches as for one of sessions: input closed, no report', async () => {
    // Prepare
    let closed = false;
    async function* input() {
      try {
        // Past the 4 KiB the engine looks at before it starts, so each chunk is read as it comes.
        yield text(HEADER + sets('2024-01-01 10:00', 'A', 150));
        yield text(row('2024-01-02 10:00', 'B', 'Squat', 1, 100));
        yield text(row('2024-01-03 10:00', 'C', 'Squat', 1, 100));
      } finally {
        closed = true;
      }
    }
    const result = processExport(input(), { ...OPTIONS, openSessionLimit: 1 });

    // Act
    const first: string[] = [];
    for await (const batch of result.batches) {
      first.push(...batch.map((s) => s.name));
      break;
    }

    // Assess
    expect(first).toEqual(['A']);
    expect(closed).toBe(true);
    await expect(result.report).rejects.toBeInstanceOf(PipelineAbortedError);
  });

  it('hands out batches as chunks complete sessions, never an empty one', async () => {
    // Prepare: the first two chunks complete nothing, the third completes A and B.
    const chunks = [
      text(HEADER + sets('2024-01-01 10:00', 'A', 150)),
      text(row('2024-01-01 10:00', 'A', 'Squat', 151, 100)),
      text(row('2024-01-02 10:00', 'B', 'Squat', 1, 100) + row('2024-01-03 10:00', 'C', 'Squat', 1, 100)),
    ];
    const result = processExport(chunks, { ...OPTIONS, openSessionLimit: 1 });

    // Act
    const batches: string[][] = [];
    for await (const batch of result.batches) batches.push(batch.map((s) => s.name));

    // Assess
    expect(batches).toEqual([['A', 'B'], ['C']]);
    expect((await result.report).sessions).toBe(3);
  });

  it('lets an export be read as sessions or as batches, not both', async () => {
    // Prepare
    const result = processExport([text(HEADER)], OPTIONS);
    for await (const _ of result.batches) {
      // drain
    }

    // Act / Assess
    expect(() => result.sessions[Symbol.asyncIterator]()).toThrow('iterated only once');
  });

  it('allows the sessions to be read only once', async () => {
    // Prepare
    const result = processExport([text(HEADER)], OPTIONS);
    for await (const _ of result.sessions) {
      // drain
    }

    // Act
    const again = collectExport([], OPTIONS).then(async () => {
      for await (const _ of result.sessions) {
        // second pass
      }
    });

    // Assess
    await expect(again).rejects.toThrow('only once');
  });
});

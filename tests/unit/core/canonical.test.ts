import { describe, expect, it } from 'vitest';
import { fixture, run } from './helpers.js';

describe('canonical CSV and JSON Lines', () => {
  it('reads canonical CSV: sets, an activity without sets, and a bad set type', async () => {
    // Act
    const { sessions, report } = await run(fixture('canonical.csv'));

    // Assess
    expect(report).toMatchObject({
      format: 'canonical',
      variant: 'v1',
      sessions: 2,
      sets: 3,
      rejectedCount: 1,
    });
    expect(sessions.find((s) => s.name === 'Run')).toMatchObject({ sourceWorkoutId: '8123456790', sets: [] });
    expect(report.rejected[0]?.code).toBe('INVALID_SET_TYPE');
  });

  it('counts a repeated row of an activity without sets as a duplicate', async () => {
    // Prepare
    const header = new TextDecoder().decode(fixture('canonical.csv')).split('\n')[0];
    const run1 = '2024-06-02T07:00:00,Run,mapmyfitness,8123456790,1800,5000,400,150,5000,,,,,,,,,,';

    // Act
    const { sessions, report } = await run(`${header}\n${run1}\n${run1}\n`);

    // Assess
    expect(sessions).toHaveLength(1);
    expect(report).toMatchObject({ rows: 2, sets: 0, duplicates: 1, rejectedCount: 0 });
  });

  it('rejects a later row of a workout that contradicts a workout value of its first row', async () => {
    // Prepare
    const header = new TextDecoder().decode(fixture('canonical.csv')).split('\n')[0];
    const first = '2024-06-02T07:00:00,Run,mapmyfitness,8123456790,1800,5000,400,150,5000,,,,,,,,,,';
    const other = '2024-06-02T07:00:00,Run,mapmyfitness,8123456790,1900,5000,400,150,5000,,,,,,,,,,';

    // Act
    const { sessions, report } = await run(`${header}\n${first}\n${other}\n`, { maxRejectedShare: 1 });

    // Assess
    expect(sessions.map((s) => s.durationS)).toEqual([1800]);
    expect(report.rejected).toEqual([
      {
        line: 3,
        code: 'CONFLICTING_SESSION',
        message:
          "line 3: the workout duration of workout 'Run' of 2024-06-02T07:00:00 differs from line 2; the rows of a workout must agree",
      },
    ]);
  });

  it('gives the same sessions from canonical CSV and from JSON Lines', async () => {
    // Act
    const csv = await run(fixture('canonical.csv'));
    const jsonl = await run(fixture('canonical.jsonl'));

    // Assess
    expect(jsonl.report.format).toBe('jsonl');
    const strip = (s: { id: string; contentHash: string }) => [s.id, s.contentHash];
    expect(jsonl.sessions.map(strip)).toEqual(csv.sessions.map(strip));
  });

  it('reports JSON Lines records that are not JSON or hold bad values', async () => {
    // Act
    const { report } = await run(fixture('canonical.jsonl'));

    // Assess
    expect(report.skippedByReason).toEqual({ blank: 1 });
    expect(report.rejected.map((i) => [i.line, i.code])).toEqual([
      [4, 'NOT_WHOLE_NUMBER'],
      [5, 'INVALID_RECORD'],
    ]);
  });

  it('reads back the sessions the pipeline writes (silver JSON Lines)', async () => {
    // Prepare
    const first = await run(fixture('strong-semicolon.csv'));
    const silver = first.sessions.map((s) => JSON.stringify(s)).join('\n');

    // Act
    const again = await run(silver);

    // Assess
    expect(again.sessions.map((s) => s.contentHash).sort()).toEqual(
      first.sessions.map((s) => s.contentHash).sort(),
    );
  });

  it('rejects JSON values of the wrong kind', async () => {
    // Prepare
    const lines = [
      '{"sessionStart":"2024-01-01T10:00:00","name":"ok"}',
      '[1,2]',
      '{"sessionStart":"2024-01-01T10:00:00","name":"A","sets":{}}',
      '{"sessionStart":"2024-01-01T10:00:00","name":true}',
      '{"sessionStart":"2024-01-01T10:00:00","name":"A","sets":[5]}',
    ];

    // Act
    const { report } = await run(`${lines.join('\n')}\n`, { maxRejectedShare: 1 });

    // Assess
    expect(report.rejected.map((i) => i.code)).toEqual([
      'INVALID_RECORD',
      'INVALID_RECORD',
      'INVALID_RECORD',
      'INVALID_RECORD',
    ]);
  });
});

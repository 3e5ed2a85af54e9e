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

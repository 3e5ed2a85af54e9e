/**
 * The main job's run() called in-process (as the entry does), against the shared emulator.
 * It sets process.env as Lambda would before loading the bundle, so the environment is
 * restored after each test.
 */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../scripts/main-job/run.js';
import { MONDAY, strongExport, WEDNESDAY } from '../lambda/exports.js';
import { uniqueName } from '../support/aws.js';

let saved: NodeJS.ProcessEnv;
beforeEach(() => {
  saved = { ...process.env };
});
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

describe('main job run()', () => {
  it('resolves to 0 and prints a block per file, the totals and that it left the given emulator running', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'main-job-'));
    await writeFile(join(dir, 'week.csv'), strongExport([MONDAY, WEDNESDAY]));
    const { out, err, io } = capture();

    const code = await run(['--name-suffix', uniqueName('mj'), '--out', 'results', 'week.csv'], {
      cwd: dir,
      io,
    });

    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toContain('week.csv');
    expect(out).toContain('  sessions   2 in file: 2 new, 0 updated, 0 unchanged');
    expect(out.find((line) => line.startsWith('Total:'))).toMatch(
      /^Total: 1 file \(1 processed, 0 rejected\)/,
    );
    expect(out).toContainEqual(expect.stringMatching(/^Outputs copied to results\/ \(report, silver/));
    const reports = await readdir(join(dir, 'results', 'reports', 'demo'));
    expect(reports).toHaveLength(1);
    expect(out.at(-1)).toMatch(/^Left the emulator at http/);
  }, 120_000);

  it('resolves to 1 with the usage problem on stderr for an unknown flag', async () => {
    const { out, err, io } = capture();

    const code = await run(['--fast'], { io });

    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/--help/);
  });
});

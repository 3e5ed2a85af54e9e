import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localPathOf, prepareOutDir, runId, shownPath } from '../../../scripts/main-job/outputs.js';

const NOW = new Date('2026-12-02T05:10:07.123Z');
const temp = () => mkdtemp(join(tmpdir(), 'main-job-out-'));

describe('where the main job copies its outputs', () => {
  it('names a run by its start time in UTC, without characters a file system refuses', () => {
    expect(runId(NOW)).toBe('2026-12-02T05-10-07Z');
  });

  it('makes out/<run id>/ in the project by default, and a second run in the same second gets -2', async () => {
    const projectRoot = await temp();

    const first = await prepareOutDir({ outDir: undefined, cwd: '/elsewhere', projectRoot, now: NOW });
    const second = await prepareOutDir({ outDir: undefined, cwd: '/elsewhere', projectRoot, now: NOW });

    expect(first).toBe(join(projectRoot, 'out', '2026-12-02T05-10-07Z'));
    expect(second).toBe(`${first}-2`);
    expect((await stat(second)).isDirectory()).toBe(true);
  });

  it('takes --out relative to where npm start was run, creating it with its parents', async () => {
    const cwd = await temp();

    const dir = await prepareOutDir({ outDir: 'a/b', cwd, projectRoot: '/nowhere', now: NOW });

    expect(dir).toBe(join(cwd, 'a', 'b'));
    expect((await stat(dir)).isDirectory()).toBe(true);
  });

  it('refuses an --out that is a file, naming the option and what to do', async () => {
    const cwd = await temp();
    await writeFile(join(cwd, 'taken'), '');

    const attempt = prepareOutDir({ outDir: 'taken', cwd, projectRoot: '/nowhere', now: NOW });

    await expect(attempt).rejects.toMatchObject({ code: 'OUTPUT_NOT_WRITABLE' });
    await expect(attempt).rejects.toThrow(/^--out taken: cannot create or write to this folder \(EEXIST\)/);
  });

  it('refuses an --out below a file', async () => {
    const cwd = await temp();
    await writeFile(join(cwd, 'taken'), '');

    const attempt = prepareOutDir({ outDir: 'taken/sub', cwd, projectRoot: '/nowhere', now: NOW });

    await expect(attempt).rejects.toMatchObject({ code: 'OUTPUT_NOT_WRITABLE' });
    await expect(attempt).rejects.toThrow(/ENOTDIR/);
  });

  it.runIf(process.platform === 'linux')(
    "refuses an --out that cannot exist (below /proc) instead of hanging as Node's recursive mkdir does",
    async () => {
      const attempt = prepareOutDir({
        outDir: '/proc/no-such/out',
        cwd: '/',
        projectRoot: '/nowhere',
        now: NOW,
      });

      await expect(attempt).rejects.toMatchObject({ code: 'OUTPUT_NOT_WRITABLE' });
      await expect(attempt).rejects.toThrow(/ENOENT/);
    },
    5_000,
  );

  it('keeps each output under its key, and refuses a key that would leave the folder', () => {
    expect(localPathOf('/o', 'silver/sessions/athlete=demo/u-1.jsonl')).toBe(
      '/o/silver/sessions/athlete=demo/u-1.jsonl',
    );
    expect(() => localPathOf('/o', '../etc/passwd')).toThrow(/leaves/);
  });

  it('shows a path relative to where npm start ran when it is inside it, else whole', () => {
    expect(shownPath('/p/out/r/report.json', '/p')).toBe('out/r/report.json');
    expect(shownPath('/tmp/r/report.json', '/p')).toBe('/tmp/r/report.json');
  });
});

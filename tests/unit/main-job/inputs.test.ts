import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localNames, resolveInputs } from '../../../scripts/main-job/inputs.js';
import { resourceNames } from '../../../stacks/config/naming.js';

async function project(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'main-job-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

describe('resource names of the local run', () => {
  it('are the names the stacks give the emulator environment', () => {
    const stack = resourceNames('emulator');

    const names = localNames();

    expect(names.buckets).toEqual(stack.buckets);
    expect(names.tables).toEqual(stack.tables);
    expect(names.topics.summary).toBe(stack.topics.summary);
    expect(names.uploadsPrefix).toBe(stack.uploadsPrefix);
    expect(names.uploadSuffixes).toEqual(stack.uploadSuffixes);
  });

  it('carry a suffix when one is given, so runs sharing an emulator stay apart', () => {
    const names = localNames('t1');

    expect(names.buckets.ingest).toBe(`${resourceNames('emulator').buckets.ingest}-t1`);
    expect(names.tables.sessions).toBe(`${resourceNames('emulator').tables.sessions}-t1`);
  });
});

describe('files to upload', () => {
  const names = localNames();

  it('takes every .csv and .jsonl sample in samples/, in name order, under uploads/<athlete>/', async () => {
    const root = await project({ 'samples/b.csv': 'x', 'samples/a.jsonl': 'x', 'samples/README.md': 'x' });

    const { inputs, fromSamples } = await resolveInputs([], {
      cwd: root,
      projectRoot: root,
      athlete: 'demo',
      names,
    });

    expect(fromSamples).toBe(true);
    expect(inputs.map((i) => [i.label, i.key])).toEqual([
      ['samples/a.jsonl', 'uploads/demo/a.jsonl'],
      ['samples/b.csv', 'uploads/demo/b.csv'],
    ]);
  });

  it('says to give files when there are no samples', async () => {
    const root = await project({});

    const attempt = resolveInputs([], { cwd: root, projectRoot: root, athlete: 'demo', names });

    await expect(attempt).rejects.toMatchObject({ code: 'NO_SAMPLES' });
  });

  it("resolves the person's files from their directory and keeps two same-named files apart", async () => {
    const root = await project({ 'one/export.csv': 'x', 'two/export.csv': 'x' });

    const { inputs } = await resolveInputs(['one/export.csv', 'two/export.csv'], {
      cwd: root,
      projectRoot: '/nowhere',
      athlete: 'ana',
      names,
    });

    expect(inputs.map((i) => i.key)).toEqual(['uploads/ana/export.csv', 'uploads/ana/export-2.csv']);
  });

  it('names a missing file and where it looked', async () => {
    const root = await project({});

    const attempt = resolveInputs(['nope.csv'], { cwd: root, projectRoot: root, athlete: 'demo', names });

    await expect(attempt).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(attempt).rejects.toThrow(join(root, 'nope.csv'));
  });

  it('refuses a file name the bucket notification would never fire for', async () => {
    const root = await project({ 'export.txt': 'x' });

    const attempt = resolveInputs(['export.txt'], { cwd: root, projectRoot: root, athlete: 'demo', names });

    await expect(attempt).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE_NAME' });
    await expect(attempt).rejects.toThrow(/export\.csv/);
  });
});

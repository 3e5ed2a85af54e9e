import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureEmulatorInstalled, requirePython } from '../../../scripts/main-job/setup.js';

describe('first-run emulator install', () => {
  it('installs nothing when AWS_ENDPOINT_URL names an emulator', async () => {
    const progress: string[] = [];

    const installed = await ensureEmulatorInstalled({
      projectRoot: '/nowhere',
      env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' },
      onProgress: (line) => progress.push(line),
    });

    expect(installed).toBe(false);
    expect(progress).toEqual([]);
  });

  it('says how to install Python when python3 is missing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'main-job-'));

    const attempt = ensureEmulatorInstalled({ projectRoot: root, env: { PATH: root }, onProgress: () => {} });

    await expect(attempt).rejects.toMatchObject({ code: 'PYTHON_MISSING' });
    await expect(attempt).rejects.toThrow(/apt-get install python3 python3-venv/);
  });

  it('accepts the python3 on this machine', () => {
    expect(() => requirePython(process.env)).not.toThrow();
  });
});

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
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

  it('installs the emulator alone with scripts/venv.sh --emulator and streams its progress lines', async () => {
    const root = await projectWithVenvScript(
      '[ "$1" = --emulator ] || exit 9; echo "venv: installing..." >&2; touch .venv/bin/moto_server; echo "venv: ready." >&2',
    );

    const { installed, progress } = await install(root);

    expect(installed).toBe(true);
    expect(progress[0]).toMatch(/installing it alone/);
    expect(progress).toContain('  venv: installing...');
    expect(progress).toContain('  venv: ready.');
  });

  it('asks venv.sh again when the emulator exists, and prints nothing when its stamp says it is current', async () => {
    const root = await projectWithVenvScript('[ "$1" = --emulator ] || exit 9; exit 0');
    await writeFile(join(root, '.venv', 'bin', 'moto_server'), '');

    const { installed, progress } = await install(root);

    expect(installed).toBe(false);
    expect(progress).toEqual([]);
  });

  it('carries on with the installed emulator when updating it to a new pin failed', async () => {
    const root = await projectWithVenvScript('echo "venv: pip failed" >&2; exit 1');
    await writeFile(join(root, '.venv', 'bin', 'moto_server'), '');

    const { installed, progress } = await install(root);

    expect(installed).toBe(false);
    expect(progress.at(-1)).toMatch(/carrying on with the one installed/);
  });

  it('says to fix what venv.sh named and run npm start again when the install failed', async () => {
    const root = await projectWithVenvScript('echo "venv: pip failed" >&2; exit 1');

    const attempt = ensureEmulatorInstalled({ projectRoot: root, env: process.env, onProgress: () => {} });

    await expect(attempt).rejects.toMatchObject({ code: 'EMULATOR_INSTALL_FAILED' });
    await expect(attempt).rejects.toThrow(/venv\.sh --emulator/);
  });

  it('accepts the python3 on this machine', () => {
    expect(() => requirePython(process.env)).not.toThrow();
  });
});

/** ensureEmulatorInstalled in `root`, with the progress lines it printed. */
async function install(root: string) {
  const progress: string[] = [];
  const installed = await ensureEmulatorInstalled({
    projectRoot: root,
    env: process.env,
    onProgress: (line) => progress.push(line),
  });
  return { installed, progress };
}

async function projectWithVenvScript(body: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'main-job-'));
  await mkdir(join(root, 'scripts'));
  await mkdir(join(root, '.venv', 'bin'), { recursive: true });
  await writeFile(join(root, 'scripts', 'venv.sh'), `cd "$(dirname "$0")/.."\n${body}\n`);
  return root;
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { motoServerCommand } from '../../../scripts/lib/emulator.js';
import { run } from '../../../scripts/steps/emulator/run.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

describe('emulator step: moto for a workflow job', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => {
    env.restore();
    vi.restoreAllMocks();
  });

  it("starts moto's server from the project's venv on a loopback port", () => {
    expect(motoServerCommand('/repo', 5123)).toMatchObject({
      command: '/repo/.venv/bin/python',
      args: ['/repo/scripts/lib/moto_server.py', '-H', '127.0.0.1', '-p', '5123'],
    });
  });

  it('fails with the fix when the venv has no moto, starting nothing', async () => {
    vi.spyOn(process, 'cwd').mockReturnValue(mkdtempSync(join(tmpdir(), 'no-venv-')));

    const result = await env.run(run, { action: 'start' });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('EMULATOR_FAILED');
    expect(result.log).toContain("run 'npm run venv' first");
    expect(result.outputs).toEqual({});
  });

  it('refuses to stop anything but a process id', async () => {
    const result = await env.run(run, { action: 'stop', pid: '1; rm -rf /' });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('INVALID_INPUT');
  });

  it('stops quietly when there is nothing (left) to stop', async () => {
    expect((await env.run(run, { action: 'stop' })).failed).toBe(false);
    const gone = await env.run(run, { action: 'stop', pid: '2147483646' });
    expect(gone.failed).toBe(false);
    expect(gone.log).toContain('had already exited');
  });
});

/**
 * emulator: starts the AWS emulator (moto's server from the project's .venv, the emulator
 * every test of this project runs against) for a workflow job and leaves it running for the
 * following steps, which get its endpoint through `env:`, never through exported variables,
 * so a later real deploy can never talk to it by accident; `action: stop` stops it.
 *
 * moto only: LocalStack, once an option here, cannot create the stacks' image function
 * without pulling its image from ECR, and moto is what the apply tests prove the stacks in.
 *
 * Inputs: action (start|stop), ready_timeout_seconds, pid (for stop).
 * Outputs (start): endpoint, region, kind (moto), pid.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { EMULATOR_REGION, freeLoopbackPort, motoServerCommand, waitUntilReady } from '../../lib/emulator.js';
import { StepError } from '../lib/errors.js';
import { choiceInput, integerInput, optionalInput, runStep } from '../lib/inputs.js';

export async function run(): Promise<void> {
  await runStep(async () => {
    const action = choiceInput('action', ['start', 'stop'] as const, 'start');
    if (action === 'stop') return stop();
    const projectRoot = process.cwd();
    const port = await freeLoopbackPort();
    const endpoint = `http://127.0.0.1:${port}`;
    const moto = motoServerCommand(projectRoot, port);
    const timeoutMs = integerInput('ready_timeout_seconds', 120, { min: 1, max: 900 }) * 1000;
    if (!existsSync(moto.command)) {
      throw new StepError('EMULATOR_FAILED', `${moto.command} is missing; run 'npm run venv' first.`);
    }
    core.info(`Starting moto on ${endpoint}`);
    mkdirSync(join(projectRoot, 'reports'), { recursive: true });
    const log = openSync(join(projectRoot, 'reports', 'emulator.log'), 'a');
    const child = spawn(moto.command, moto.args, {
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, ...moto.env },
    });
    child.unref();
    if (child.pid === undefined) throw new StepError('EMULATOR_FAILED', 'moto_server did not start.');
    core.setOutput('pid', String(child.pid));
    try {
      await waitUntilReady(endpoint, timeoutMs);
    } catch (cause) {
      throw new StepError('EMULATOR_FAILED', `moto did not answer on ${endpoint} in time.`, { cause });
    }
    core.setOutput('endpoint', endpoint);
    core.setOutput('region', EMULATOR_REGION);
    core.setOutput('kind', 'moto');
    core.info(`moto ready on ${endpoint}`);
  });
}

function stop(): void {
  const pid = optionalInput('pid');
  if (pid === undefined) return;
  if (!/^\d+$/.test(pid))
    throw new StepError('INVALID_INPUT', `Input 'pid' must be a process id (got '${pid}').`);
  try {
    process.kill(Number(pid), 'SIGTERM');
  } catch {
    core.info(`Emulator process ${pid} had already exited.`);
  }
}

/**
 * emulator: starts the AWS emulator for a workflow job and leaves it running for the
 * following steps (which get its endpoint through `env:`, never through exported variables,
 * so a later real deploy can never talk to it by accident); `action: stop` stops it.
 *
 * Inputs: action (start|stop), localstack_auth_token (optional secret), localstack_image,
 *         ready_timeout_seconds, pid / container (for stop).
 * Outputs (start): endpoint, region, kind, pid (moto) or container (LocalStack).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { EMULATOR_REGION, freeLoopbackPort, waitUntilReady } from '../../lib/emulator.js';
import { StepError } from '../lib/errors.js';
import { choiceInput, integerInput, optionalInput, runStep } from '../lib/inputs.js';
import { LOCALSTACK_CONTAINER, planEmulator } from './plan.js';

export async function run(): Promise<void> {
  await runStep(async () => {
    const action = choiceInput('action', ['start', 'stop'] as const, 'start');
    if (action === 'stop') return stop();
    const token = optionalInput('localstack_auth_token');
    if (token) core.setSecret(token);
    const projectRoot = process.cwd();
    const launch = planEmulator({
      localstackAuthToken: token,
      ...(optionalInput('localstack_image')
        ? { localstackImage: optionalInput('localstack_image') as string }
        : {}),
      projectRoot,
      port: await freeLoopbackPort(),
    });
    const timeoutMs = integerInput('ready_timeout_seconds', 120, { min: 1, max: 900 }) * 1000;
    core.info(`Starting ${launch.kind} on ${launch.endpoint}`);
    if (launch.kind === 'localstack') {
      const result = spawnSync(launch.command, launch.args, {
        env: { ...process.env, ...launch.env },
        encoding: 'utf8',
      });
      if (result.status !== 0) {
        throw new StepError(
          'EMULATOR_FAILED',
          `docker run LocalStack failed: ${result.stderr || result.error?.message}`,
        );
      }
      core.setOutput('container', LOCALSTACK_CONTAINER);
    } else {
      if (!existsSync(launch.command)) {
        throw new StepError('EMULATOR_FAILED', `${launch.command} is missing; run 'npm run venv' first.`);
      }
      mkdirSync(join(projectRoot, 'reports'), { recursive: true });
      const log = openSync(join(projectRoot, 'reports', 'emulator.log'), 'a');
      const child = spawn(launch.command, launch.args, {
        detached: true,
        stdio: ['ignore', log, log],
        env: { ...process.env, ...launch.env },
      });
      child.unref();
      if (child.pid === undefined) throw new StepError('EMULATOR_FAILED', 'moto_server did not start.');
      core.setOutput('pid', String(child.pid));
    }
    try {
      await waitUntilReady(launch.endpoint, timeoutMs);
    } catch (cause) {
      throw new StepError('EMULATOR_FAILED', `${launch.kind} did not answer on ${launch.endpoint} in time.`, {
        cause,
      });
    }
    core.setOutput('endpoint', launch.endpoint);
    core.setOutput('region', EMULATOR_REGION);
    core.setOutput('kind', launch.kind);
    core.info(`${launch.kind} ready on ${launch.endpoint}`);
  });
}

function stop(): void {
  const pid = optionalInput('pid');
  const container = optionalInput('container');
  if (pid !== undefined) {
    if (!/^\d+$/.test(pid))
      throw new StepError('INVALID_INPUT', `Input 'pid' must be a process id (got '${pid}').`);
    try {
      process.kill(Number(pid), 'SIGTERM');
    } catch {
      core.info(`Emulator process ${pid} had already exited.`);
    }
  }
  if (container === LOCALSTACK_CONTAINER) spawnSync('docker', ['stop', container], { stdio: 'inherit' });
}

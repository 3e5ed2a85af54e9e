import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { waitUntilReady } from '../../../scripts/lib/emulator.js';
import { run } from '../../../scripts/steps/emulator/run.js';
import { type ActionsEnv, actionsEnv } from '../../unit/steps/support/actions.js';

describe('emulator step', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('starts moto for the following steps and stops it again', async () => {
    // Prepare: the step must start its own emulator, not reuse the test run's.
    vi.stubEnv('AWS_ENDPOINT_URL', '');

    // Act
    const started = await env.run(run, { action: 'start' });

    // Assess
    expect(started.failed).toBe(false);
    expect(started.outputs).toMatchObject({ kind: 'moto', region: 'us-east-1' });
    expect(started.outputs.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await waitUntilReady(started.outputs.endpoint ?? '', 5_000);

    const stopped = await env.run(run, { action: 'stop', pid: started.outputs.pid ?? '' });
    expect(stopped.failed).toBe(false);
  });
});

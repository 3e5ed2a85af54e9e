/**
 * Every stack applied for real: OpenTofu and the AWS provider, built from their Go modules
 * (npm run tofu:setup), plan and apply the synthesized stacks into moto through the same
 * terraform step a deploy runs. What the emulator cannot hold is left out by type, and a
 * second plan may show only the emulator's known drifts (emulator-differences.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../scripts/lib/emulator.js';
import { ENVIRONMENTS } from '../../stacks/config/environments.js';
import { unexpectedChanges } from './support/expectations.js';
import { StackRun, synthIntoEmulator } from './support/stack-run.js';
import { applyTools } from './support/tools.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ env: {} });
}, 120_000);
afterAll(async () => emulator?.stop());

/** Plan, apply, plan again, for one stack; returns what was planned and applied. */
function applyAndReplan(run: StackRun) {
  const plan = run.step({ action: 'plan', emulator_gaps: 'true' });
  expect(plan.status, plan.log).toBe(0);
  expect(plan.outputs.changes).toBe('true');
  const planned = run.plannedChanges();
  const apply = run.step({ action: 'apply' });
  expect(apply.status, apply.log).toBe(0);
  const applied = run.stateAddresses();
  const replan = run.step({ action: 'plan', emulator_gaps: 'true' });
  expect(replan.status, replan.log).toBe(0);
  const drift = replan.outputs.changes === 'true' ? run.plannedChanges() : [];
  return { planned, applied, drift };
}

function destroy(run: StackRun) {
  const plan = run.step({ action: 'plan', destroy: 'true', emulator_gaps: 'true' });
  if (plan.status !== 0) return plan;
  return run.step({ action: 'apply' });
}

for (const target of ['bootstrap', 'dev', 'staging'] as const) {
  describe.sequential(`the ${target} stack, applied into the emulator`, () => {
    let run: StackRun;
    let result: ReturnType<typeof applyAndReplan>;

    beforeAll(() => {
      const stacksDir = synthIntoEmulator(target, emulator.endpoint);
      run = new StackRun(applyTools(), stacksDir, `workout-pipeline-${target}`, emulator.env);
      result = applyAndReplan(run);
    }, 900_000);

    it('applies every planned resource but the ones the emulator cannot hold', () => {
      const creates = result.planned.filter((c) => c.actions.includes('create')).map((c) => c.address);
      expect(creates.length).toBeGreaterThan(10);
      expect(result.planned.every((c) => c.actions.join() === 'create')).toBe(true);
      expect(result.applied.sort()).toEqual([...creates].sort());
    });

    it('plans nothing more right after the apply, apart from the listed emulator drifts', () => {
      expect(unexpectedChanges(result.drift)).toEqual([]);
    });

    it('destroys cleanly', () => {
      const destroyed = destroy(run);
      expect(destroyed.status, destroyed.log).toBe(0);
      expect(run.stateAddresses()).toEqual([]);
    }, 900_000);
  });
}

describe.sequential('the prod stack, applied into the emulator', () => {
  let run: StackRun;
  let result: ReturnType<typeof applyAndReplan>;

  beforeAll(() => {
    const stacksDir = synthIntoEmulator('prod', emulator.endpoint);
    run = new StackRun(applyTools(), stacksDir, 'workout-pipeline-prod', emulator.env);
    result = applyAndReplan(run);
  }, 900_000);

  it('applies every planned resource but the ones the emulator cannot hold, and converges', () => {
    const creates = result.planned.filter((c) => c.actions.includes('create')).map((c) => c.address);
    expect(result.applied.sort()).toEqual([...creates].sort());
    expect(unexpectedChanges(result.drift)).toEqual([]);
  });

  it("refuses to be destroyed (deletion protection) until the teardown's release step runs", () => {
    const outputs = run.outputs();
    const tables = [outputs.sessions_table_name, outputs.idempotency_table_name].join('\n');

    const refused = destroy(run);
    expect(refused.status).not.toBe(0);
    expect(refused.log).toMatch(/can.t be deleted while DeletionProtectionEnabled is set to True/);

    // As teardown.yml passes it: the tables live in the environment's region.
    const released = run.runStep('release-tables', { tables, region: ENVIRONMENTS.prod.region });
    expect(released.status, released.log).toBe(0);
    expect(released.outputs.backups?.split('\n')).toHaveLength(2);
    const destroyed = destroy(run);
    expect(destroyed.status, destroyed.log).toBe(0);
    expect(run.stateAddresses()).toEqual([]);
  }, 900_000);
});

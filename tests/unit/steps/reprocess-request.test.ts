import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../scripts/steps/reprocess-request/run.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

describe('reprocess request', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('turns a run date into the event the gold run is invoked with', async () => {
    // Act
    const result = await env.run(run, {
      environment: 'staging',
      run_date: ' 2025-01-15\n',
      from: '',
      to: '',
    });

    // Assess
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({
      environment: 'staging',
      payload: '{"runDate":"2025-01-15"}',
      days: '1',
    });
  });

  it('passes a range on and counts its days', async () => {
    // Act
    const result = await env.run(run, { environment: 'prod', from: '2024-12-30', to: '2025-01-05' });

    // Assess
    expect(result.outputs).toEqual({
      environment: 'prod',
      payload: '{"from":"2024-12-30","to":"2025-01-05"}',
      days: '7',
    });
  });

  it.each([
    [{ environment: 'dev', run_date: '15.01.2025' }, "'run_date' must be a calendar day written YYYY-MM-DD"],
    [{ environment: 'dev', from: '2025-01-01', to: '2025-03-01' }, 'is more than 31 days'],
    [{ environment: 'dev' }, 'Name the days to reprocess'],
    [
      { environment: 'dev', run_date: '2025-01-15', from: '2025-01-14' },
      "Name either 'run_date' or 'from' and 'to', not both",
    ],
    [
      { environment: 'qa', run_date: '2025-01-15' },
      "Input 'environment' must be one of dev, staging, prod (got 'qa')",
    ],
  ])('refuses %j before any AWS call, naming the input', async (inputs, message) => {
    // Act
    const result = await env.run(run, inputs);

    // Assess
    expect(result.failed).toBe(true);
    expect(result.log).toContain(message);
    expect(result.outputs).toEqual({});
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stackOutputs } from '../../../scripts/steps/deploy-outputs/outputs.js';
import { run } from '../../../scripts/steps/deploy-outputs/run.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

// Shape of `cdktf deploy --outputs-file`: outputs by stack, then by construct id.
const OUTPUTS = {
  'workout-pipeline-dev': {
    ingest_bucket_name: 'workout-pipeline-dev-ingest',
    processed_bucket_name: 'workout-pipeline-dev-processed',
    kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
  },
};

describe('deploy-outputs step', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('sets every stack output as a step output and lists them in the summary', async () => {
    const file = env.file('outputs.json', JSON.stringify(OUTPUTS));

    const result = await env.run(run, {
      outputs_file: file,
      stack: 'workout-pipeline-dev',
      required: 'ingest_bucket_name\nprocessed_bucket_name',
      environment: 'dev',
    });

    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual(OUTPUTS['workout-pipeline-dev']);
    expect(result.summary).toContain('Deployed dev (workout-pipeline-dev)');
  });

  it('fails naming the output the workflow relies on when the stack lacks it', async () => {
    const file = env.file('outputs.json', JSON.stringify(OUTPUTS));

    const result = await env.run(run, {
      outputs_file: file,
      stack: 'workout-pipeline-dev',
      required: 'function_name',
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('function_name');
  });

  it('masks the outputs it is told to and hides them in the summary', async () => {
    const file = env.file('outputs.json', JSON.stringify(OUTPUTS));

    const result = await env.run(run, {
      outputs_file: file,
      stack: 'workout-pipeline-dev',
      mask: 'kms_key_arn',
    });

    expect(result.log).toContain('::add-mask::arn:aws:kms');
    expect(result.summary).not.toContain('arn:aws:kms');
  });

  it('names the stacks the file has when the wanted one is missing', () => {
    expect(() => stackOutputs(JSON.stringify(OUTPUTS), 'workout-pipeline-prod')).toThrow(
      /workout-pipeline-dev/,
    );
  });

  it('flattens outputs of nested constructs and keeps non-string values as JSON', () => {
    const text = JSON.stringify({ s: { alarms: { errors_name: 'e' }, suffixes: ['.csv', '.jsonl'] } });

    expect(stackOutputs(text, 's')).toEqual({ alarms_errors_name: 'e', suffixes: '[".csv",".jsonl"]' });
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../stacks/app.js';
import { readSynthInputs } from '../../../stacks/config/inputs.js';
import { IMAGE } from './synth.js';

describe('the cdktf app', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'cdktf-app-'));
    createApp(readSynthInputs({ SYNTH_ALLOW_PLACEHOLDERS: 'true' }), outdir).synth();
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('writes every stack, each named after its environment, the shared one after bootstrap', () => {
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual([
      'workout-pipeline-bootstrap',
      'workout-pipeline-dev',
      'workout-pipeline-emulator',
      'workout-pipeline-prod',
      'workout-pipeline-staging',
    ]);
  });

  it('marks a placeholder image so it cannot be mistaken for a deployable one', () => {
    const json = readFileSync(join(outdir, 'stacks', 'workout-pipeline-prod', 'cdk.tf.json'), 'utf8');
    expect(json).toContain('000000000000.dkr.ecr.eu-west-1.amazonaws.com/placeholder-not-deployable@sha256:');
  });

  it('builds exactly the one environment a deploy step asks for', () => {
    const app = createApp(
      readSynthInputs({ PIPELINE_ENV: 'staging', LAMBDA_IMAGE_URI: IMAGE, DEPLOY_COMMIT: 'c'.repeat(40) }),
    );
    expect(app.node.children.map((c) => c.node.id)).toEqual(['workout-pipeline-staging']);
  });
});

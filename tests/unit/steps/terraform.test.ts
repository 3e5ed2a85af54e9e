import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StepError } from '../../../scripts/steps/lib/errors.js';
import {
  actionOf,
  changeRows,
  planDigest,
  plannedChanges,
} from '../../../scripts/steps/terraform/changes.js';
import {
  applyArgs,
  initArgs,
  outputsFile,
  PLAN_FILE,
  planArgs,
  planHeadline,
  planOutcome,
  terraformEnv,
} from '../../../scripts/steps/terraform/commands.js';
import { run, spawnTerraform, type Terraform } from '../../../scripts/steps/terraform/run.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

const STACK = 'workout-pipeline-dev';
const SHOWN = [
  'Terraform will perform the following actions:',
  '  # aws_lambda_function.processor will be updated in-place',
  '',
  'Plan: 0 to add, 1 to change, 0 to destroy.',
].join('\n');
const PLAN_JSON = JSON.stringify({
  resource_changes: [
    { address: 'aws_lambda_function.processor', change: { actions: ['update'] } },
    { address: 'aws_s3_bucket.ingest', change: { actions: ['no-op'] } },
  ],
});
const OUTPUT_JSON = JSON.stringify({
  ingest_bucket_name: { sensitive: false, type: 'string', value: 'workout-pipeline-dev-ingest' },
  processed_bucket_name: { sensitive: false, type: 'string', value: 'workout-pipeline-dev-processed' },
});

/** A fake terraform that records its command lines and answers like the real one. */
function fakeTerraform(answers: { plan?: number; failOn?: string; planJson?: string } = {}) {
  const calls: { args: readonly string[]; cwd: string; binary: string | undefined }[] = [];
  const terraform: Terraform = (args, { cwd, binary }) => {
    calls.push({ args, cwd, binary });
    const command = args[0] ?? '';
    if (command === answers.failOn) return { status: 1, stdout: '' };
    if (command === 'plan') {
      writeFileSync(join(cwd, PLAN_FILE), 'saved plan');
      return { status: answers.plan ?? 2, stdout: '' };
    }
    if (command === 'show')
      return { status: 0, stdout: args.includes('-json') ? (answers.planJson ?? PLAN_JSON) : SHOWN };
    if (command === 'output') return { status: 0, stdout: OUTPUT_JSON };
    return { status: 0, stdout: '' };
  };
  return { terraform, calls, commands: () => calls.map((c) => c.args[0]) };
}

describe('terraform command lines', () => {
  it('never waits for input and waits for a held state lock instead of failing at once', () => {
    for (const args of [initArgs('10m'), planArgs('10m', { destroy: false }), applyArgs('10m')]) {
      expect(args).toContain('-input=false');
      expect(args).toContain('-lock-timeout=10m');
    }
    expect(terraformEnv({ PATH: '/bin' })).toMatchObject({
      PATH: '/bin',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
    });
  });

  it('saves the plan, and applies exactly that plan file', () => {
    expect(planArgs('5m', { destroy: false })).toContain(`-out=${PLAN_FILE}`);
    expect(planArgs('5m', { destroy: false })).toContain('-detailed-exitcode');
    expect(planArgs('5m', { destroy: true })).toContain('-destroy');
    // A read-only plan neither takes nor waits for the lock.
    const readOnly = planArgs('5m', { destroy: false, lock: false });
    expect(readOnly).toContain('-lock=false');
    expect(readOnly.some((a) => a.startsWith('-lock-timeout'))).toBe(false);
    expect(applyArgs('5m').at(-1)).toBe(PLAN_FILE);
    expect(applyArgs('5m')).not.toContain('-auto-approve');
  });

  it("reads plan's detailed exit code: 0 no changes, 2 changes, else failed", () => {
    expect(planOutcome(0)).toBe('no-changes');
    expect(planOutcome(2)).toBe('changes');
    for (const status of [1, null]) {
      expect(() => planOutcome(status)).toThrow(
        expect.objectContaining({ code: 'TERRAFORM_FAILED' }) as StepError,
      );
    }
  });

  it('finds the plan line of terraform show', () => {
    expect(planHeadline(SHOWN)).toBe('Plan: 0 to add, 1 to change, 0 to destroy.');
    expect(planHeadline('\nNo changes. Your infrastructure matches the configuration.\n')).toMatch(
      /^No changes\./,
    );
  });

  it('writes terraform outputs in the shape cdktf --outputs-file has (deploy-outputs reads it)', () => {
    expect(JSON.parse(outputsFile(STACK, OUTPUT_JSON))).toEqual({
      [STACK]: {
        ingest_bucket_name: 'workout-pipeline-dev-ingest',
        processed_bucket_name: 'workout-pipeline-dev-processed',
      },
    });
    expect(() => outputsFile(STACK, 'Error: no state')).toThrow(
      expect.objectContaining({ code: 'OUTPUTS_INVALID' }) as StepError,
    );
  });
});

describe('the change list of a saved plan', () => {
  const planJson = (changes: [string, string[]][]) =>
    JSON.stringify({
      resource_changes: changes.map(([address, actions]) => ({ address, change: { actions } })),
    });

  it('lists each changed address with one action word, deletions and replacements first', () => {
    const changes = plannedChanges(
      planJson([
        ['aws_sns_topic.summary', ['update']],
        ['aws_s3_bucket.ingest', ['no-op']],
        ['aws_iam_role.processor', ['delete', 'create']],
        ['aws_sqs_queue.dlq', ['create']],
        ['aws_dynamodb_table.sessions', ['delete']],
        ['aws_kms_key.key', ['create', 'delete']],
      ]),
    );
    expect(changes).toEqual([
      { address: 'aws_iam_role.processor', action: 'replace' },
      { address: 'aws_kms_key.key', action: 'replace' },
      { address: 'aws_dynamodb_table.sessions', action: 'delete' },
      { address: 'aws_sqs_queue.dlq', action: 'create' },
      { address: 'aws_sns_topic.summary', action: 'update' },
    ]);
    expect(
      changeRows(changes)
        .slice(1, 4)
        .map((row) => row[1]),
    ).toEqual(['⚠️ replace', '⚠️ replace', '⚠️ delete']);
    expect(changeRows(changes).at(-1)).toEqual(['aws_sns_topic.summary', 'update']);
  });

  it('has no changes for a plan without resource_changes, and refuses what is not a plan', () => {
    expect(plannedChanges('{}')).toEqual([]);
    expect(actionOf(['no-op'])).toBeUndefined();
    for (const text of ['not json', '{"resource_changes":{}}', '{"resource_changes":[{"change":{}}]}']) {
      expect(() => plannedChanges(text), text).toThrow(
        expect.objectContaining({ code: 'TERRAFORM_FAILED' }) as StepError,
      );
    }
    expect(() => actionOf(['teleport'])).toThrow(/does not document/);
  });
});

describe('terraform step', () => {
  let env: ActionsEnv;
  let stacksDir: string;
  beforeEach(() => {
    env = actionsEnv();
    stacksDir = join(env.file('.keep', '').replace(/\.keep$/, ''), 'stacks');
    mkdirSync(join(stacksDir, STACK), { recursive: true });
    writeFileSync(join(stacksDir, STACK, 'cdk.tf.json'), '{}');
  });
  afterEach(() => env.restore());

  it('plans into a saved file and shows the plan in the job summary', async () => {
    // Prepare
    const fake = fakeTerraform({ plan: 2 });

    // Act
    const result = await env.run(() => run(fake.terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
    });

    // Assess
    expect(result.failed).toBe(false);
    expect(fake.commands()).toEqual(['init', 'plan', 'show', 'show']);
    expect(fake.calls.every((c) => c.cwd === join(stacksDir, STACK))).toBe(true);
    expect(fake.calls[1]?.args).not.toContain('-destroy');
    expect(result.outputs).toEqual({
      changes: 'true',
      headline: 'Plan: 0 to add, 1 to change, 0 to destroy.',
      change_count: '1',
      plan_digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(result.summary).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    expect(result.summary).toContain('aws_lambda_function.processor');
  });

  it('runs the binary it is given (tofu, or an absolute path to one) for every command', async () => {
    const fake = fakeTerraform({ plan: 2 });

    const result = await env.run(() => run(fake.terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
      binary: '/cache/tofu-1.12.6/tofu',
    });

    expect(result.failed).toBe(false);
    expect(fake.calls.map((c) => c.binary)).toEqual(Array(4).fill('/cache/tofu-1.12.6/tofu'));
  });

  it('leaves out the resources it is told to, with OpenTofu only', async () => {
    const fake = fakeTerraform({ plan: 2 });

    const result = await env.run(() => run(fake.terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
      binary: '/cache/tofu',
      exclude:
        'aws_cloudwatch_metric_alarm.alarms_errors_1A2B3C4D\n\naws_cloudwatch_metric_alarm.alarms_dlq_5E6F\n',
    });
    const withTerraform = await env.run(() => run(fakeTerraform().terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
      binary: 'terraform',
      exclude: 'aws_cloudwatch_metric_alarm.alarms_errors_1A2B3C4D',
    });

    expect(result.failed).toBe(false);
    expect(fake.calls[1]?.args).toEqual(
      expect.arrayContaining([
        '-exclude=aws_cloudwatch_metric_alarm.alarms_errors_1A2B3C4D',
        '-exclude=aws_cloudwatch_metric_alarm.alarms_dlq_5E6F',
      ]),
    );
    expect(withTerraform.failed).toBe(true);
    expect(withTerraform.log).toMatch(/Input 'exclude' needs OpenTofu/);
  });

  it("leaves out the stack's resources the emulator cannot hold when asked to", async () => {
    const fake = fakeTerraform({ plan: 2 });
    writeFileSync(
      join(stacksDir, STACK, 'cdk.tf.json'),
      JSON.stringify({
        resource: {
          aws_cloudwatch_metric_alarm: { alarms_errors_1A2B: {}, alarms_dlq_3C4D: {} },
          aws_s3_bucket: { ingest_bucket_5E6F: {} },
        },
      }),
    );

    const result = await env.run(() => run(fake.terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
      binary: 'tofu',
      emulator_gaps: 'true',
    });

    expect(result.failed).toBe(false);
    const excluded = (fake.calls[1]?.args ?? []).filter((a) => a.startsWith('-exclude='));
    expect(excluded).toEqual([
      '-exclude=aws_cloudwatch_metric_alarm.alarms_errors_1A2B',
      '-exclude=aws_cloudwatch_metric_alarm.alarms_dlq_3C4D',
    ]);
  });

  it('refuses a binary that is neither terraform nor tofu, before running anything', async () => {
    const fake = fakeTerraform();

    const result = await env.run(() => run(fake.terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
      binary: 'rm -rf',
    });

    expect(result.failed).toBe(true);
    expect(result.log).toMatch(/Input 'binary' must be terraform, tofu, or an absolute path/);
    expect(fake.calls).toEqual([]);
  });

  it('reports a plan without changes', async () => {
    const fake = fakeTerraform({ plan: 0 });

    const result = await env.run(() => run(fake.terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
    });

    expect(result.outputs).toMatchObject({ changes: 'false' });
  });

  it('lists the changed addresses in the summary and, with fail_on_changes, fails on drift after writing it', async () => {
    const fake = fakeTerraform({ plan: 2 });

    const result = await env.run(() => run(fake.terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
      lock: 'false',
      fail_on_changes: 'true',
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('DRIFT_DETECTED');
    expect(result.log).toContain('Nothing was applied');
    expect(result.summary).toContain('<td>aws_lambda_function.processor</td><td>update</td>');
    expect(result.summary).not.toContain('aws_s3_bucket.ingest');
    expect(result.outputs).toMatchObject({ changes: 'true', change_count: '1' });
    expect(fake.calls[1]?.args).toContain('-lock=false');
    expect(fake.commands()).not.toContain('apply');
  });

  it('applies nothing when the plan is not the one approved, and goes on when it is', async () => {
    const approvedPlan = await env.run(() => run(fakeTerraform().terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
      lock: 'false',
    });
    const approved = approvedPlan.outputs.plan_digest ?? '';
    expect(approved).toMatch(/^[0-9a-f]{64}$/);

    // The same changes from the same state: the digest agrees.
    const same = await env.run(() => run(fakeTerraform().terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
      approved_digest: approved,
    });
    expect(same.failed).toBe(false);
    expect(same.outputs.plan_digest).toBe(approved);

    // One value differs (someone changed the function in between): refused.
    const changedJson = PLAN_JSON.replace('"update"', '"delete","create"');
    expect(changedJson).not.toBe(PLAN_JSON);
    const changed = await env.run(() => run(fakeTerraform({ planJson: changedJson }).terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
      approved_digest: approved,
    });
    expect(changed.failed).toBe(true);
    expect(changed.log).toContain('PLAN_CHANGED_SINCE_APPROVAL');
    expect(changed.log).toContain(approved);
    expect(changed.log).toContain('Nothing was applied');
  });

  it('refuses a destroy plan without the lock, before running anything', async () => {
    const fake = fakeTerraform();
    const result = await env.run(() => run(fake.terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
      destroy: 'true',
      lock: 'false',
    });
    expect(result.failed).toBe(true);
    expect(result.log).toMatch(/Input 'lock' false is for read-only plans, not a destroy plan/);
    expect(fake.calls).toEqual([]);
  });

  it('refuses an approved digest that is not one, before running anything', async () => {
    const fake = fakeTerraform();
    const result = await env.run(() => run(fake.terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
      approved_digest: 'latest',
    });
    expect(result.failed).toBe(true);
    expect(result.log).toMatch(/Input 'approved_digest' must be the plan digest/);
    expect(fake.calls).toEqual([]);
  });

  it('gives equal plans equal digests whatever the key order, and different plans different ones', () => {
    const a = JSON.stringify({
      resource_changes: [
        { address: 'b.x', change: { actions: ['update'], before: { k: 1, j: 2 }, after: { k: 2, j: 2 } } },
        { address: 'a.y', change: { actions: ['no-op'], before: {}, after: {} } },
      ],
    });
    const reordered = JSON.stringify({
      resource_changes: [
        { change: { after: { j: 2, k: 2 }, before: { j: 2, k: 1 }, actions: ['update'] }, address: 'b.x' },
      ],
    });
    expect(planDigest(a)).toBe(planDigest(reordered));
    expect(planDigest(a)).not.toBe(planDigest(a.replace('"k":2', '"k":3')));
  });

  it('passes a drift check whose plan has no changes', async () => {
    const fake = fakeTerraform({ plan: 0, planJson: '{"resource_changes":[]}' });

    const result = await env.run(() => run(fake.terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
      lock: 'false',
      fail_on_changes: 'true',
    });

    expect(result.failed).toBe(false);
    expect(result.outputs).toMatchObject({ changes: 'false', change_count: '0' });
    expect(result.summary).not.toContain('<table>');
  });

  it('plans a destroy when asked to', async () => {
    const fake = fakeTerraform();

    const result = await env.run(() => run(fake.terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
      destroy: 'true',
    });

    expect(result.failed).toBe(false);
    expect(fake.calls[1]?.args).toContain('-destroy');
    expect(result.summary).toContain(`Destroy plan for ${STACK}`);
  });

  it('fails, and shows nothing as planned, when the plan fails (a lock held too long, a bad credential)', async () => {
    const fake = fakeTerraform({ failOn: 'plan' });

    const result = await env.run(() => run(fake.terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('TERRAFORM_FAILED');
    expect(fake.commands()).toEqual(['init', 'plan']);
    expect(result.outputs).toEqual({});
  });

  it('applies only the saved plan, then writes the outputs file', async () => {
    // Prepare
    writeFileSync(join(stacksDir, STACK, PLAN_FILE), 'saved plan');
    const fake = fakeTerraform();
    const outputs = join(stacksDir, 'outputs.json');

    // Act
    const result = await env.run(() => run(fake.terraform), {
      action: 'apply',
      stack: STACK,
      stacks_dir: stacksDir,
      outputs_file: outputs,
    });

    // Assess
    expect(result.failed).toBe(false);
    expect(fake.commands()).toEqual(['apply', 'output']);
    expect(fake.calls[0]?.args.at(-1)).toBe(PLAN_FILE);
    expect(JSON.parse(readFileSync(outputs, 'utf8'))[STACK].ingest_bucket_name).toBe(
      'workout-pipeline-dev-ingest',
    );
  });

  it('refuses to apply when no plan was saved, running nothing', async () => {
    const fake = fakeTerraform();

    const result = await env.run(() => run(fake.terraform), {
      action: 'apply',
      stack: STACK,
      stacks_dir: stacksDir,
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('No saved plan');
    expect(fake.calls).toEqual([]);
  });

  it('fails when the apply fails and writes no outputs', async () => {
    writeFileSync(join(stacksDir, STACK, PLAN_FILE), 'saved plan');
    const fake = fakeTerraform({ failOn: 'apply' });
    const outputs = join(stacksDir, 'outputs.json');

    const result = await env.run(() => run(fake.terraform), {
      action: 'apply',
      stack: STACK,
      stacks_dir: stacksDir,
      outputs_file: outputs,
    });

    expect(result.failed).toBe(true);
    expect(existsSync(outputs)).toBe(false);
  });

  it('reads the outputs of a deployed stack without planning anything', async () => {
    const fake = fakeTerraform();
    const outputs = join(stacksDir, 'outputs.json');

    const result = await env.run(() => run(fake.terraform), {
      action: 'output',
      stack: STACK,
      stacks_dir: stacksDir,
      outputs_file: outputs,
    });

    expect(result.failed).toBe(false);
    expect(fake.commands()).toEqual(['init', 'output']);
    expect(existsSync(outputs)).toBe(true);
  });

  it.each([
    ['a stack that was not synthesized', { stack: 'workout-pipeline-prod' }, 'cdktf synth'],
    ['a path as the stack', { stack: '../../etc' }, "Input 'stack'"],
    ['a lock timeout that is not a duration', { lock_timeout: 'forever' }, "Input 'lock_timeout'"],
  ])('refuses %s', async (_label, inputs, message) => {
    const fake = fakeTerraform();

    const result = await env.run(() => run(fake.terraform), {
      action: 'plan',
      stack: STACK,
      stacks_dir: stacksDir,
      ...inputs,
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain(message);
    expect(fake.calls).toEqual([]);
  });
});

describe('running the terraform binary', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('runs terraform from PATH in the stack directory, without prompts or telemetry', () => {
    // Prepare: a stand-in terraform that prints what it was given
    const bin = env.file('terraform', '#!/bin/sh\necho "$PWD|$TF_INPUT|$TF_IN_AUTOMATION|$*"\n');
    chmodSync(bin, 0o755);
    const dir = bin.replace(/\/terraform$/, '');
    vi.stubEnv('PATH', `${dir}:${process.env.PATH ?? ''}`);

    // Act
    const result = spawnTerraform(['output', '-json'], { cwd: dir, capture: true });

    // Assess
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(`${dir}|0|1|output -json`);
  });

  it('fails with a sentence when there is no terraform on PATH', () => {
    vi.stubEnv('PATH', '/nonexistent');

    expect(() => spawnTerraform(['version'], { cwd: '/', capture: true })).toThrow(
      expect.objectContaining({ code: 'TERRAFORM_FAILED' }) as StepError,
    );
  });
});

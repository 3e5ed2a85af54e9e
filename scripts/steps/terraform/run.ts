/**
 * terraform: runs Terraform in a stack that `cdktf synth` wrote to cdktf.out/stacks/<stack>.
 * Replaces `cdktf deploy` / `cdktf destroy` for real environments, which apply without a
 * saved plan, without -input=false and without waiting for a held state lock.
 *
 *   action plan:   init, plan -out=tfplan (-destroy when `destroy` is true), the plan in the
 *                  job summary; output `changes` (true|false).
 *   action apply:  apply the saved tfplan (fails if there is none), then, when `outputs_file`
 *                  is given, write the stack's outputs there as `cdktf deploy --outputs-file` does.
 *   action output: init, then write the outputs file (teardown: what will be removed).
 *
 * Inputs: action, stack, lock_timeout (default 10m), destroy (plan), outputs_file,
 *         stacks_dir (default cdktf.out/stacks), binary (terraform, the default; tofu; or
 *         an absolute path to either), lock (plan; default true; false plans with
 *         -lock=false, for the read-only plan role, which cannot write the lock file),
 *         exclude (plan, tofu only: resource addresses to
 *         leave out, one per line), emulator_gaps (plan, tofu only: true leaves out the
 *         resources the emulator cannot hold, scripts/lib/emulator-gaps.ts; for the stacks
 *         applied into the emulator, never for AWS), fail_on_changes (plan; default
 *         false; true, for drift detection: a plan with changes fails the step with
 *         DRIFT_DETECTED after its change list is in the summary), approved_digest (plan;
 *         the plan_digest of the plan a reviewer approved: a plan with another digest fails
 *         with PLAN_CHANGED_SINCE_APPROVAL, so its apply never runs).
 * Outputs (plan): changes (true|false), headline (the "Plan: ..." line), change_count,
 *         plan_digest (SHA-256 of what the plan would change, changes.ts planDigest);
 *         the summary lists every changed address and its action, deletions and
 *         replacements first and marked.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { excludedAddresses } from '../../lib/emulator-gaps.js';
import { StepError } from '../lib/errors.js';
import { choiceInput, optionalInput, requiredInput, runStep } from '../lib/inputs.js';
import { changeRows, checkDigest, planDigest, plannedChanges } from './changes.js';
import {
  applyArgs,
  checkBinary,
  checkExclude,
  checkLockTimeout,
  checkStack,
  DEFAULT_LOCK_TIMEOUT,
  initArgs,
  outputArgs,
  outputsFile,
  PLAN_FILE,
  planArgs,
  planHeadline,
  planOutcome,
  showArgs,
  showJsonArgs,
  TERRAFORM_ACTIONS,
  terraformEnv,
} from './commands.js';

export interface TerraformRun {
  readonly status: number | null;
  /** Only when captured; otherwise the output went straight to the log. */
  readonly stdout: string;
}

export interface TerraformOptions {
  readonly cwd: string;
  /** Keep stdout instead of streaming it to the log. */
  readonly capture: boolean;
  /** @default 'terraform' from PATH */
  readonly binary?: string;
}

/** Runs `terraform <args>` (or tofu) in `cwd`. */
export type Terraform = (args: readonly string[], options: TerraformOptions) => TerraformRun;

export const spawnTerraform: Terraform = (args, { cwd, capture, binary = 'terraform' }) => {
  const result = spawnSync(binary, args, {
    cwd,
    env: terraformEnv(process.env),
    encoding: 'utf8',
    stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    throw new StepError('TERRAFORM_FAILED', `Cannot run ${binary}: ${result.error.message}`, {
      cause: result.error,
    });
  }
  return { status: result.status, stdout: result.stdout ?? '' };
};

/** GitHub caps a step summary at 1 MiB; a plan longer than this is cut, the log keeps all of it. */
const SUMMARY_PLAN_LIMIT = 60_000;

function must(terraform: Terraform, args: string[], cwd: string, capture = false): string {
  const result = terraform(args, { cwd, capture, binary: binaryOf() });
  if (result.status !== 0) {
    throw new StepError(
      'TERRAFORM_FAILED',
      `terraform ${args[0]} failed (exit ${result.status ?? 'signal'}). The log above says why.`,
    );
  }
  return result.stdout;
}

function writeOutputs(terraform: Terraform, cwd: string, stack: string, path: string): void {
  writeFileSync(path, outputsFile(stack, must(terraform, outputArgs(), cwd, true)));
}

/** The plan action's inputs: destroy, lock, and what to leave out (emulator_gaps, exclude). */
function planInputs(cwd: string): { destroy: boolean; lock: boolean; exclude: string[] } {
  const destroy = choiceInput('destroy', ['true', 'false'] as const, 'false') === 'true';
  const lock = choiceInput('lock', ['true', 'false'] as const, 'true') === 'true';
  if (!lock && destroy) {
    throw new StepError('INVALID_INPUT', "Input 'lock' false is for read-only plans, not a destroy plan.");
  }
  const gaps =
    choiceInput('emulator_gaps', ['true', 'false'] as const, 'false') === 'true'
      ? excludedAddresses(JSON.parse(readFileSync(join(cwd, 'cdk.tf.json'), 'utf8')))
      : [];
  const exclude = checkExclude([optionalInput('exclude') ?? '', ...gaps].join('\n'), binaryOf());
  return { destroy, lock, exclude };
}

export async function run(terraform: Terraform = spawnTerraform): Promise<void> {
  await runStep(async () => {
    const action = choiceInput('action', TERRAFORM_ACTIONS);
    binaryOf();
    const stack = checkStack(requiredInput('stack'));
    const lockTimeout = checkLockTimeout(optionalInput('lock_timeout') ?? DEFAULT_LOCK_TIMEOUT);
    const cwd = join(optionalInput('stacks_dir') ?? join('cdktf.out', 'stacks'), stack);
    if (!existsSync(join(cwd, 'cdk.tf.json'))) {
      throw new StepError(
        'INVALID_INPUT',
        `No synthesized stack at ${cwd}; run \`cdktf synth\` with PIPELINE_ENV for it first.`,
      );
    }
    const outputsPath = optionalInput('outputs_file');

    if (action === 'output') {
      must(terraform, initArgs(lockTimeout), cwd);
      if (outputsPath === undefined)
        throw new StepError('INVALID_INPUT', "Input 'outputs_file' is required.");
      writeOutputs(terraform, cwd, stack, outputsPath);
      return;
    }

    if (action === 'plan') {
      await runPlan(terraform, cwd, stack, lockTimeout);
      return;
    }

    if (!existsSync(join(cwd, PLAN_FILE))) {
      throw new StepError(
        'INVALID_INPUT',
        `No saved plan at ${join(cwd, PLAN_FILE)}: the plan step must run first in the same job. Nothing was applied.`,
      );
    }
    must(terraform, applyArgs(lockTimeout), cwd);
    if (outputsPath !== undefined) writeOutputs(terraform, cwd, stack, outputsPath);
  });
}

/**
 * plan: init, plan -out=tfplan, the plan in the summary; outputs changes, headline,
 * change_count and plan_digest. With fail_on_changes a plan with changes fails (drift);
 * with approved_digest a plan other than the one approved fails before anything applies.
 */
async function runPlan(terraform: Terraform, cwd: string, stack: string, lockTimeout: string): Promise<void> {
  const { destroy, lock, exclude } = planInputs(cwd);
  const failOnChanges = choiceInput('fail_on_changes', ['true', 'false'] as const, 'false') === 'true';
  const approved = optionalInput('approved_digest');
  if (approved !== undefined) checkDigest(approved);
  must(terraform, initArgs(lockTimeout), cwd);
  const outcome = planOutcome(
    terraform(planArgs(lockTimeout, { destroy, exclude, lock }), {
      cwd,
      capture: false,
      binary: binaryOf(),
    }).status,
  );
  const shown = must(terraform, showArgs(), cwd, true);
  const showJson = must(terraform, showJsonArgs(), cwd, true);
  const changes = plannedChanges(showJson);
  const digest = planDigest(showJson);
  core.setOutput('changes', String(outcome === 'changes'));
  const headline = planHeadline(shown);
  core.setOutput('headline', headline);
  core.setOutput('change_count', String(changes.length));
  core.setOutput('plan_digest', digest);
  core.info(`${headline} (plan digest ${digest})`);
  await writePlanSummary(`${destroy ? 'Destroy plan' : 'Plan'} for ${stack}`, headline, changes, shown);
  if (failOnChanges && outcome === 'changes') {
    throw new StepError(
      'DRIFT_DETECTED',
      `${stack} differs from what its code describes: ${headline} ${changes.length} resource change(s), listed in the job summary. Nothing was applied.`,
    );
  }
  if (approved !== undefined && approved !== digest) {
    throw new StepError(
      'PLAN_CHANGED_SINCE_APPROVAL',
      `The plan of ${stack} is not the one shown before approval (digest ${approved}); it is now ${digest}: ${headline} Something changed in between (a deploy, a manual change, drift). Nothing was applied; the job summary lists the plan as it is now. Re-run the workflow to plan and approve again.`,
    );
  }
}

/** The plan's headline, its change list (when it has changes) and the whole plan, folded. */
async function writePlanSummary(
  heading: string,
  headline: string,
  changes: ReturnType<typeof plannedChanges>,
  shown: string,
): Promise<void> {
  const summary = core.summary.addHeading(heading, 3).addRaw(`<p>${headline}</p>`, true);
  if (changes.length > 0) {
    const [header = [], ...rows] = changeRows(changes);
    summary.addTable([header.map((data) => ({ data, header: true })), ...rows]);
  }
  await summary
    .addDetails(
      'The saved plan (terraform show)',
      `<pre>${escapeHtml(shown.slice(0, SUMMARY_PLAN_LIMIT))}${shown.length > SUMMARY_PLAN_LIMIT ? '\n… (cut; the step log has the whole plan)' : ''}</pre>`,
    )
    .write();
}

/** The binary input, checked; read where used so a bad value fails before anything runs. */
function binaryOf(): string {
  return checkBinary(optionalInput('binary') ?? 'terraform');
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Applies a synthesized stack into the emulator the way a deploy does: the terraform step
 * script (scripts/steps/terraform) run as the workflow runs it, with inputs as INPUT_*
 * variables, and OpenTofu's own JSON views of plans and state for the assertions.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../stacks/app.js';
import { readSynthInputs } from '../../../stacks/config/inputs.js';
import { parseOutputFile } from '../../unit/steps/support/actions.js';
import type { ApplyTools } from './tools.js';

export interface StepResult {
  readonly status: number | null;
  readonly log: string;
  readonly outputs: Record<string, string>;
}

/**
 * Synthesizes `pipelineEnv` (bootstrap, dev, staging, prod) pointed at the emulator; with
 * `stateBucket`, a pipeline stack keeps its state there (the S3 backend, locked).
 */
export function synthIntoEmulator(pipelineEnv: string, endpoint: string, stateBucket?: string): string {
  const outdir = mkdtempSync(join(tmpdir(), `apply-${pipelineEnv}-`));
  createApp(
    readSynthInputs({
      PIPELINE_ENV: pipelineEnv,
      SYNTH_ALLOW_PLACEHOLDERS: 'true',
      APPLY_INTO_EMULATOR: endpoint,
      ...(stateBucket ? { APPLY_INTO_EMULATOR_STATE: 's3', TF_STATE_BUCKET: stateBucket } : {}),
    }),
    outdir,
  ).synth();
  return join(outdir, 'stacks');
}

export interface PlannedChange {
  readonly address: string;
  readonly actions: string[];
  /** Top-level attributes whose planned value differs from the current one. */
  readonly attributes: string[];
  /** Attributes whose planned value is known only at apply. */
  readonly unknown: string[];
  /** Those attributes' values as JSON, for a failure message. */
  readonly before: Record<string, string>;
  readonly after: Record<string, string>;
}

export class StackRun {
  constructor(
    private readonly tools: ApplyTools,
    private readonly stacksDir: string,
    readonly stack: string,
    /** The emulator's AWS_* variables. */
    private readonly awsEnv: Readonly<Record<string, string>>,
  ) {}

  /** The same stack, run with other credentials (a deploy role's). */
  withCredentials(credentials: Readonly<Record<string, string>>): StackRun {
    return new StackRun(this.tools, this.stacksDir, this.stack, { ...this.awsEnv, ...credentials });
  }

  get dir(): string {
    return join(this.stacksDir, this.stack);
  }

  get json(): { resource?: Record<string, Record<string, unknown>> } {
    return JSON.parse(readFileSync(join(this.dir, 'cdk.tf.json'), 'utf8'));
  }

  private env(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...this.awsEnv,
      TF_CLI_CONFIG_FILE: this.tools.cliConfig,
      CHECKPOINT_DISABLE: '1',
    };
  }

  /** Runs the terraform step script with these inputs; never throws on a failed step. */
  step(inputs: Record<string, string>): StepResult {
    return this.runStep('terraform', this.terraformInputs(inputs));
  }

  stepAsync(inputs: Record<string, string>, onLog?: (log: string) => void): Promise<StepResult> {
    return this.runStepAsync('terraform', this.terraformInputs(inputs), onLog);
  }

  private terraformInputs(inputs: Record<string, string>): Record<string, string> {
    return { stack: this.stack, stacks_dir: this.stacksDir, binary: this.tools.tofu, ...inputs };
  }

  /** Runs scripts/steps/<name>/main.ts as a workflow job would, against the emulator. */
  runStep(name: string, inputs: Record<string, string>): StepResult {
    const step = this.prepareStep(name, inputs);
    const result = spawnSync(process.execPath, step.args, {
      env: step.env,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    return step.result(result.status, `${result.stdout}${result.stderr}`);
  }

  /** runStep without blocking this process, for a step that needs the test to act meanwhile. */
  runStepAsync(
    name: string,
    inputs: Record<string, string>,
    /** Called with the log so far, whenever it grows. */
    onLog?: (log: string) => void,
  ): Promise<StepResult> {
    const step = this.prepareStep(name, inputs);
    return new Promise((resolve) => {
      const child = spawn(process.execPath, step.args, { env: step.env });
      let log = '';
      const append = (chunk: Buffer) => {
        log += chunk;
        onLog?.(log);
      };
      child.stdout.on('data', append);
      child.stderr.on('data', append);
      child.once('close', (status) => resolve(step.result(status, log)));
    });
  }

  private prepareStep(name: string, inputs: Record<string, string>) {
    const scratch = mkdtempSync(join(tmpdir(), 'step-'));
    const outputFile = join(scratch, 'output');
    const summaryFile = join(scratch, 'summary');
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    return {
      args: ['--import', 'tsx', join('scripts', 'steps', name, 'main.ts')],
      env: {
        ...this.env(),
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        ...Object.fromEntries(
          Object.entries(inputs).map(([input, value]) => [`INPUT_${input.toUpperCase()}`, value]),
        ),
      },
      result: (status: number | null, log: string): StepResult => ({
        status,
        log,
        outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
      }),
    };
  }

  /** tofu itself, for the read-only views the step does not print (show -json, state list). */
  tofu(args: readonly string[]): string {
    const result = spawnSync(this.tools.tofu, args, {
      cwd: this.dir,
      env: this.env(),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (result.status !== 0) throw new Error(`tofu ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout;
  }

  /** tofu as a child process that keeps running (a run that holds the state lock). */
  spawnTofu(args: readonly string[]): ChildProcessWithoutNullStreams {
    return spawn(this.tools.tofu, args, { cwd: this.dir, env: this.env() });
  }

  /** The saved plan's changes: address and actions, no-ops left out. */
  plannedChanges(): PlannedChange[] {
    const plan = JSON.parse(this.tofu(['show', '-json', 'tfplan'])) as {
      resource_changes?: {
        address: string;
        change: { actions: string[]; before: unknown; after: unknown; after_unknown?: unknown };
      }[];
    };
    return (plan.resource_changes ?? [])
      .filter((c) => !(c.change.actions.length === 1 && c.change.actions[0] === 'no-op'))
      .filter((c) => !(c.change.actions.length === 1 && c.change.actions[0] === 'read'))
      .map((c) => {
        const attributes = changedAttributes(c.change.before, c.change.after);
        const pick = (side: unknown) =>
          Object.fromEntries(
            attributes.map((a) => [a, JSON.stringify((side as Record<string, unknown> | null)?.[a] ?? null)]),
          );
        const unknown = Object.entries((c.change.after_unknown ?? {}) as Record<string, unknown>)
          .filter(([, value]) => value === true)
          .map(([name]) => name);
        return {
          address: c.address,
          actions: c.change.actions,
          attributes,
          unknown,
          before: pick(c.change.before),
          after: pick(c.change.after),
        };
      });
  }

  stateAddresses(): string[] {
    return this.tofu(['state', 'list'])
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('data.'));
  }

  outputs(): Record<string, unknown> {
    const raw = JSON.parse(this.tofu(['output', '-json'])) as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.value]));
  }
}

/** Top-level attributes whose value differs between before and after. */
function changedAttributes(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .sort();
}

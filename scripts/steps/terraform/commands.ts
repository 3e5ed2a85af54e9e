/**
 * Pure part of the terraform step: the exact Terraform command lines a deploy or teardown
 * runs inside a synthesized stack's directory, and how their results are read. A real
 * environment is changed only by applying a plan that was saved (and shown) first; every
 * command that takes the state lock waits for it instead of failing at once, and none ever
 * stops to ask for input.
 */
import { StepError } from '../lib/errors.js';

export const TERRAFORM_ACTIONS = ['plan', 'apply', 'output'] as const;
export type TerraformAction = (typeof TERRAFORM_ACTIONS)[number];

/** The saved plan, inside the stack's directory. */
export const PLAN_FILE = 'tfplan';
/** How long a command waits for another run's state lock (a deploy, teardown or admin). */
export const DEFAULT_LOCK_TIMEOUT = '10m';

const LOCK_TIMEOUT = /^\d{1,4}[sm]$/;
const STACK = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function checkLockTimeout(value: string): string {
  if (!LOCK_TIMEOUT.test(value)) {
    throw new StepError(
      'INVALID_INPUT',
      `Input 'lock_timeout' must be a duration like 300s or 10m (got '${value}').`,
    );
  }
  return value;
}

/** `terraform` or `tofu` from PATH, or an absolute path to either (the apply tests' build). */
const BINARY = /^(?:terraform|tofu|\/[\w.+/-]*\/(?:terraform|tofu)[\w.-]*)$/;

export function checkBinary(value: string): string {
  if (!BINARY.test(value)) {
    throw new StepError(
      'INVALID_INPUT',
      `Input 'binary' must be terraform, tofu, or an absolute path to one of them (got '${value}').`,
    );
  }
  return value;
}

export function checkStack(value: string): string {
  if (!STACK.test(value)) {
    throw new StepError('INVALID_INPUT', `Input 'stack' must be a cdktf stack name (got '${value}').`);
  }
  return value;
}

/** Environment of every terraform process: no prompts, no telemetry, output for logs. */
export function terraformEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
}

export function initArgs(lockTimeout: string): string[] {
  return ['init', '-input=false', `-lock-timeout=${lockTimeout}`, '-no-color'];
}

const ADDRESS = /^[A-Za-z0-9_.[\]"*-]+$/;

/**
 * Resource addresses to leave out of a plan (OpenTofu's -exclude; Terraform has none):
 * only for applying into the emulator, where a few resources cannot exist (the apply tests'
 * emulator differences). One address per line.
 */
export function checkExclude(value: string | undefined, binary: string): string[] {
  const addresses = (value ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (addresses.length > 0 && !/(?:^|\/)tofu[\w.-]*$/.test(binary)) {
    throw new StepError(
      'INVALID_INPUT',
      "Input 'exclude' needs OpenTofu (binary tofu): Terraform has no -exclude.",
    );
  }
  for (const address of addresses) {
    if (!ADDRESS.test(address)) {
      throw new StepError(
        'INVALID_INPUT',
        `Input 'exclude' has '${address}', which is not a resource address.`,
      );
    }
  }
  return addresses;
}

/** `-detailed-exitcode`: 0 = no changes, 2 = changes, anything else = failed. */
export function planArgs(
  lockTimeout: string,
  {
    destroy,
    exclude = [],
    lock = true,
  }: {
    destroy: boolean;
    exclude?: readonly string[];
    /** false: `-lock=false`, for a read-only plan (a plan role cannot write the lock file). */
    lock?: boolean;
  },
): string[] {
  return [
    'plan',
    '-input=false',
    ...(lock ? [`-lock-timeout=${lockTimeout}`] : ['-lock=false']),
    '-detailed-exitcode',
    '-no-color',
    ...(destroy ? ['-destroy'] : []),
    ...exclude.map((address) => `-exclude=${address}`),
    `-out=${PLAN_FILE}`,
  ];
}

export function showArgs(): string[] {
  return ['show', '-no-color', PLAN_FILE];
}

/** The saved plan as JSON (its resource_changes name each address and action). */
export function showJsonArgs(): string[] {
  return ['show', '-json', '-no-color', PLAN_FILE];
}

/** Applies exactly the saved plan: no new plan, no prompt (a saved plan is the approval). */
export function applyArgs(lockTimeout: string): string[] {
  return ['apply', '-input=false', `-lock-timeout=${lockTimeout}`, '-no-color', PLAN_FILE];
}

export function outputArgs(): string[] {
  return ['output', '-json', '-no-color'];
}

export type PlanOutcome = 'no-changes' | 'changes';

export function planOutcome(status: number | null): PlanOutcome {
  if (status === 0) return 'no-changes';
  if (status === 2) return 'changes';
  throw new StepError(
    'TERRAFORM_FAILED',
    `terraform plan failed (exit ${status ?? 'signal'}); nothing was applied. The log above says why.`,
  );
}

/** The "Plan: 1 to add, ..." line of `terraform show`, or "No changes." */
export function planHeadline(shown: string): string {
  const line = shown.split('\n').find((l) => /^(Plan:|No changes\.)/.test(l.trim()));
  return line?.trim() ?? 'Plan saved (no summary line found).';
}

/**
 * `terraform output -json` (`{ name: { value, type, sensitive } }`) in the shape of
 * `cdktf deploy --outputs-file` (`{ stack: { name: value } }`), which deploy-outputs reads.
 */
export function outputsFile(stack: string, terraformOutputJson: string): string {
  let data: unknown;
  try {
    data = JSON.parse(terraformOutputJson);
  } catch (cause) {
    throw new StepError('OUTPUTS_INVALID', 'terraform output -json did not print JSON.', { cause });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new StepError('OUTPUTS_INVALID', 'terraform output -json did not print an object.');
  }
  const values: Record<string, unknown> = {};
  for (const [name, output] of Object.entries(data as Record<string, unknown>)) {
    if (typeof output !== 'object' || output === null || !('value' in output)) {
      throw new StepError('OUTPUTS_INVALID', `terraform output '${name}' has no value.`);
    }
    values[name] = (output as { value: unknown }).value;
  }
  return `${JSON.stringify({ [stack]: values }, null, 2)}\n`;
}

/**
 * Pure part of deploy-summary: one table a reviewer or operator reads first in a deploy
 * job's summary: what was deployed (image digest, commit), what the plan said, what the
 * release and its smoke test did, and how long the job took.
 */
import { StepError } from '../lib/errors.js';

/** A step's outcome as GitHub reports it (`steps.<id>.outcome`); empty when it never ran. */
export type Outcome = 'success' | 'failure' | 'cancelled' | 'skipped' | '';

export interface DeployFacts {
  readonly environment: string;
  readonly imageUri: string;
  readonly sha: string;
  readonly consoleUrl: string | undefined;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly verify: Outcome;
  readonly plan: Outcome;
  readonly planHeadline: string | undefined;
  readonly apply: Outcome;
  readonly release: Outcome;
  /** The release step's `result` (released, rolled-back, ...). */
  readonly releaseResult: string | undefined;
  readonly newVersion: string | undefined;
}

const OUTCOMES: readonly Outcome[] = ['success', 'failure', 'cancelled', 'skipped', ''];

export function checkOutcome(name: string, value: string): Outcome {
  if (!(OUTCOMES as readonly string[]).includes(value)) {
    throw new StepError('INVALID_INPUT', `Input '${name}' must be a step outcome (got '${value}').`);
  }
  return value as Outcome;
}

export function parseStartedAt(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(date.getTime())) {
    throw new StepError('INVALID_INPUT', `Input 'started_at' must be an ISO 8601 time (got '${value}').`);
  }
  return date;
}

/** `1h 02m 03s`, `4m 05s`, `6s`. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

function ran(outcome: Outcome, text: string, failed = 'failed'): string {
  if (outcome === '' || outcome === 'skipped') return 'did not run';
  if (outcome === 'cancelled') return 'cancelled';
  return outcome === 'success' ? text : failed;
}

/** The digest of `<registry>/<repository>@sha256:...`, or the reference itself. */
export function digestOf(imageUri: string): string {
  return /@(sha256:[0-9a-f]{64})$/.exec(imageUri)?.[1] ?? imageUri;
}

export function overall(facts: DeployFacts): 'deployed' | 'not deployed' | 'rolled back' {
  if (facts.releaseResult === 'rolled-back') return 'rolled back';
  return facts.release === 'success' ? 'deployed' : 'not deployed';
}

/** Rows of the summary table (label, value). */
export function summaryRows(facts: DeployFacts): [string, string][] {
  const smoke = `passed; ${facts.releaseResult ?? 'released'}${facts.newVersion ? ` (version ${facts.newVersion})` : ''}`;
  const smokeFailed = `failed (${facts.releaseResult ?? 'see the release step'})`;
  return [
    ['Result', overall(facts)],
    ['Image digest', digestOf(facts.imageUri)],
    ['Image', facts.imageUri],
    ['Commit', facts.sha],
    ['Provenance', ran(facts.verify, 'verified', 'failed: not attested by this repository')],
    ['Plan', ran(facts.plan, facts.planHeadline ?? 'no headline')],
    ['Apply', ran(facts.apply, 'applied the saved plan')],
    ['Release and smoke test', ran(facts.release, smoke, smokeFailed)],
    ['Started', facts.startedAt.toISOString()],
    ['Finished', facts.finishedAt.toISOString()],
    ['Took', duration(facts.finishedAt.getTime() - facts.startedAt.getTime())],
    ...(facts.consoleUrl ? ([['Function', facts.consoleUrl]] as [string, string][]) : []),
  ];
}

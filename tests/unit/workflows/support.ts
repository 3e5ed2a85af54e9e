/** Loads the workflow files as plain data for assertions about their structure. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const WORKFLOWS_DIR = join(import.meta.dirname, '..', '..', '..', '.github', 'workflows');

export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  'continue-on-error'?: boolean | string;
  'working-directory'?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

export interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | 'inherit';
  environment?: string | { name: string; url?: string };
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean | string };
  'timeout-minutes'?: number;
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown> };
  outputs?: Record<string, string>;
  env?: Record<string, unknown>;
  steps?: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, unknown>;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

export function workflowFiles(): string[] {
  return readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));
}

export function loadWorkflow(file: string): Workflow {
  return parse(readFileSync(join(WORKFLOWS_DIR, file), 'utf8')) as Workflow;
}

export function rawWorkflow(file: string): string {
  return readFileSync(join(WORKFLOWS_DIR, file), 'utf8');
}

export function needsOf(job: Job): string[] {
  if (job.needs === undefined) return [];
  return Array.isArray(job.needs) ? job.needs : [job.needs];
}

/** Every job `name` transitively depends on. */
export function ancestors(workflow: Workflow, name: string, seen = new Set<string>()): Set<string> {
  const job = workflow.jobs[name];
  if (!job) throw new Error(`no job ${name}`);
  for (const parent of needsOf(job)) {
    if (!seen.has(parent)) {
      seen.add(parent);
      ancestors(workflow, parent, seen);
    }
  }
  return seen;
}

export function stepIndex(job: Job, predicate: (step: Step) => boolean): number {
  return (job.steps ?? []).findIndex(predicate);
}

export const runsScript = (script: string) => (step: Step) => step.run?.includes(script) ?? false;

/** A GitHub expression as it appears in the YAML, e.g. expr('inputs.sha') is "${{ inputs.sha }}". */
export const expr = (expression: string): string => ['$', '{{ ', expression, ' }}'].join('');

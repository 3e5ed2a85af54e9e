/**
 * Typed readers over @actions/core inputs (`INPUT_<NAME>` in the environment). Input names
 * are snake_case so a workflow can set them under `env:` (`INPUT_INGEST_BUCKET`) instead of
 * putting `${{ }}` expressions inside a run script. Every failure names the input.
 */
import * as core from '@actions/core';
import { StepError } from './errors.js';

export function requiredInput(name: string): string {
  const value = core.getInput(name);
  if (value === '') {
    throw new StepError('INVALID_INPUT', `Input '${name}' is required (env INPUT_${name.toUpperCase()}).`);
  }
  return value;
}

export function optionalInput(name: string): string | undefined {
  const value = core.getInput(name);
  return value === '' ? undefined : value;
}

/** An input that must be one of `values`; `fallback` applies when it is empty. */
export function choiceInput<const T extends string>(name: string, values: readonly T[], fallback?: T): T {
  const value = core.getInput(name);
  if (value === '' && fallback !== undefined) return fallback;
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new StepError(
    'INVALID_INPUT',
    `Input '${name}' must be one of ${values.join(', ')} (got '${value}').`,
  );
}

/** A whole number within [min, max]; `fallback` applies when the input is empty. */
export function integerInput(
  name: string,
  fallback: number,
  { min = 0, max = Number.MAX_SAFE_INTEGER } = {},
): number {
  const raw = core.getInput(name);
  if (raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new StepError(
      'INVALID_INPUT',
      `Input '${name}' must be a whole number from ${min} to ${max} (got '${raw}').`,
    );
  }
  return value;
}

/** Runs a step body, turning any error into a failed step with its message (and code). */
export async function runStep(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof StepError) core.setFailed(`${error.code}: ${error.message}`);
    else core.setFailed(error instanceof Error ? error : String(error));
  }
}

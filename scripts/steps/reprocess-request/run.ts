/**
 * reprocess-request: the first step of reprocess.yml (workflow_dispatch). Turns the
 * dispatch inputs into the event the gold run is invoked with, refusing a bad day or a range
 * longer than the run takes before any AWS call, with the gold run's own rules
 * (lambda/src/core/gold/run-request.ts), so the workflow and the function never disagree.
 *
 * Inputs: environment (dev | staging | prod), run_date (one day), or from and to (a range
 *         of at most MAX_REPROCESS_DAYS days).
 * Outputs: environment, payload (the JSON event), days (how many days it recomputes).
 */
import * as core from '@actions/core';
import { GoldRequestError, goldRunRequestOf } from '../../../lambda/src/core/gold/index.js';
import { DEPLOY_ENVIRONMENTS } from '../../../stacks/config/index.js';
import { StepError } from '../lib/errors.js';
import { choiceInput, optionalInput, runStep } from '../lib/inputs.js';

export function reprocessPayloadOf(input: {
  readonly runDate?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}): { readonly payload: string; readonly days: number } {
  const event: Record<string, string> = {};
  for (const [field, value] of Object.entries(input)) {
    const trimmed = value?.trim() ?? '';
    if (trimmed !== '') event[field] = trimmed;
  }
  try {
    const request = goldRunRequestOf(event);
    // goldRunRequestOf reads only days from these fields, so a request here is a reprocess.
    const days = request.kind === 'reprocess' ? request.days.length : 0;
    return { payload: JSON.stringify(event), days };
  } catch (error) {
    if (!(error instanceof GoldRequestError)) throw error;
    const message = error.message.replace(/'runDate'/g, "'run_date'");
    throw new StepError('INVALID_INPUT', `${message}.`);
  }
}

export async function run(): Promise<void> {
  await runStep(async () => {
    const environment = choiceInput('environment', DEPLOY_ENVIRONMENTS);
    const { payload, days } = reprocessPayloadOf({
      runDate: optionalInput('run_date'),
      from: optionalInput('from'),
      to: optionalInput('to'),
    });
    core.setOutput('environment', environment);
    core.setOutput('payload', payload);
    core.setOutput('days', String(days));
    core.info(`Reprocessing ${days} day${days === 1 ? '' : 's'} of gold in ${environment}: ${payload}`);
  });
}

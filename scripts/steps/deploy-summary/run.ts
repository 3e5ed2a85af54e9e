/**
 * deploy-summary: the deploy job's summary table (scripts/steps/deploy-summary/summary.ts).
 *
 * The job's first step notes its start time in the shell (before checkout, so the install
 * counts); this, its last step, `if: always()`, writes one table: result, image digest and reference,
 * commit, provenance verification, plan headline, apply, release and smoke
 * test (outcome and result), start, end and duration, the console URL.
 *
 * Inputs: action (write), environment, image_uri, sha, started_at, console_url, verify_outcome,
 *         plan_outcome, plan_headline, apply_outcome, release_outcome, release_result,
 *         new_version. Outcomes are `steps.<id>.outcome` (empty when the step never ran).
 */
import * as core from '@actions/core';
import { choiceInput, optionalInput, requiredInput, runStep } from '../lib/inputs.js';
import { checkOutcome, type DeployFacts, parseStartedAt, summaryRows } from './summary.js';

const outcome = (name: string) => checkOutcome(name, optionalInput(name) ?? '');

export async function run(now: () => Date = () => new Date()): Promise<void> {
  await runStep(async () => {
    choiceInput('action', ['write'] as const);
    const facts: DeployFacts = {
      environment: requiredInput('environment'),
      imageUri: requiredInput('image_uri'),
      sha: requiredInput('sha'),
      consoleUrl: optionalInput('console_url'),
      startedAt: parseStartedAt(requiredInput('started_at')),
      finishedAt: now(),
      verify: outcome('verify_outcome'),
      plan: outcome('plan_outcome'),
      planHeadline: optionalInput('plan_headline'),
      apply: outcome('apply_outcome'),
      release: outcome('release_outcome'),
      releaseResult: optionalInput('release_result'),
      newVersion: optionalInput('new_version'),
    };
    await core.summary
      .addHeading(`Deploy of ${facts.environment}`, 2)
      .addTable(summaryRows(facts).map(([label, value]) => [{ data: label, header: true }, value]))
      .write();
  });
}

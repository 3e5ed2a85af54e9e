/**
 * release step: after terraform apply published a version, moves the function's `live` alias
 * to it the way the environment's config says (stacks/config `release`: all at once, or a
 * canary weight first), smoke-tests the new version through the alias, watches the
 * environment's alarms for the bake, and moves the alias back to the version it had when the
 * smoke test or an alarm fails (release.ts explains how). Writes a job summary saying which
 * version the environment runs, and fails the job unless the release went through. The next
 * environment's deploy job `needs` this one, so it starts only after this bake passed.
 *
 * Inputs: environment (dev|staging|prod), new_version (output function_version),
 *         ingest_bucket, processed_bucket, function_name (default the environment's),
 *         alias (default live), region (default the environment's),
 *         smoke_timeout_seconds (per upload, default 300), poll_seconds (alarms, default 60),
 *         canary_attempts (default: enough for a 1% miss chance at the canary weight).
 * Outputs: result (released|rolled-back|failed-no-rollback|rollback-failed|refused),
 *          previous_version (empty when none), new_version.
 */
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  GetAliasCommand,
  GetFunctionCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-lambda';
import {
  DEPLOY_ENVIRONMENTS,
  getEnvironment,
  LIVE_ALIAS,
  RELEASE_UNWATCHED_ALARMS,
  resourceNames,
} from '../../../stacks/config/index.js';
import { s3Client } from '../empty-bucket/run.js';
import { StepError } from '../lib/errors.js';
import { choiceInput, integerInput, optionalInput, requiredInput, runStep } from '../lib/inputs.js';
import { SAMPLE_EXPORT } from '../smoke-test/run.js';
import { runSmokeTest, SAMPLE_EXPORT_COUNTS } from '../smoke-test/smoke.js';
import {
  type AlarmStateValue,
  type AlarmsApi,
  type LambdaApi,
  outcomeHeading,
  type ReleaseOutcome,
  release,
} from './release.js';

export function lambdaApi(client: LambdaClient, functionName: string, alias: string): LambdaApi {
  return {
    async getAlias() {
      const result = await client.send(new GetAliasCommand({ FunctionName: functionName, Name: alias }));
      if (!result.FunctionVersion) {
        throw new StepError('RELEASE_FAILED', `Alias ${alias} of ${functionName} names no version.`);
      }
      return {
        functionVersion: result.FunctionVersion,
        weights: result.RoutingConfig?.AdditionalVersionWeights ?? {},
      };
    },
    async updateAlias(target) {
      await client.send(
        new UpdateAliasCommand({
          FunctionName: functionName,
          Name: alias,
          FunctionVersion: target.functionVersion,
          // An empty map removes the routing.
          RoutingConfig: { AdditionalVersionWeights: { ...target.weights } },
        }),
      );
    },
    async listVersions() {
      const versions: string[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(
          new ListVersionsByFunctionCommand({ FunctionName: functionName, Marker: marker }),
        );
        for (const v of page.Versions ?? []) if (v.Version) versions.push(v.Version);
        marker = page.NextMarker;
      } while (marker);
      return versions;
    },
    async versionState(version) {
      const result = await client.send(
        new GetFunctionCommand({ FunctionName: functionName, Qualifier: version }),
      );
      return {
        state: result.Configuration?.State ?? 'Active',
        ...(result.Configuration?.StateReason ? { reason: result.Configuration.StateReason } : {}),
      };
    },
  };
}

/**
 * The environment's alarms, by name prefix, less those about the schedule rather than the
 * version (RELEASE_UNWATCHED_ALARMS: `<prefix>gold-no-run-report`).
 */
export function alarmsApi(
  client: CloudWatchClient,
  prefix: string,
  unwatched: readonly string[] = RELEASE_UNWATCHED_ALARMS,
): AlarmsApi {
  const skipped = new Set(unwatched.map((name) => `${prefix}${name}`));
  return {
    async describe() {
      const alarms = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new DescribeAlarmsCommand({ AlarmNamePrefix: prefix, NextToken: token }),
        );
        for (const a of page.MetricAlarms ?? []) {
          if (skipped.has(a.AlarmName ?? '')) continue;
          alarms.push({
            name: a.AlarmName ?? '?',
            state: (a.StateValue ?? 'INSUFFICIENT_DATA') as AlarmStateValue,
            updatedAt: a.StateUpdatedTimestamp ?? new Date(0),
            ...(a.StateReason ? { reason: a.StateReason } : {}),
          });
        }
        token = page.NextToken;
      } while (token);
      return alarms;
    },
  };
}

const minutes = (ms: number) =>
  `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;

export async function writeSummary(outcome: ReleaseOutcome): Promise<void> {
  const summary = core.summary.addHeading(outcomeHeading(outcome), 3).addTable([
    [
      { data: 'Strategy', header: true },
      { data: 'Previous version', header: true },
      { data: 'New version', header: true },
      { data: 'Result', header: true },
    ],
    [
      outcome.strategy,
      outcome.previousVersion ??
        (outcome.noPreviousBecause === 'first-release'
          ? 'none (first release)'
          : 'unknown (alias was already on the new version)'),
      outcome.newVersion,
      outcome.result,
    ],
  ]);
  if (outcome.failure) summary.addRaw(`<p><strong>Why:</strong> ${escapeHtml(outcome.failure)}</p>`, true);
  if (outcome.manualCommand) summary.addCodeBlock(outcome.manualCommand, 'sh');
  if (outcome.preexistingAlarms.length > 0) {
    summary.addRaw(
      `<p>Already in ALARM before the release (not held against it): ${escapeHtml(outcome.preexistingAlarms.join(', '))}</p>`,
      true,
    );
  }
  summary.addTable([
    [
      { data: 'At', header: true },
      { data: 'What', header: true },
    ],
    ...outcome.timeline.map((e) => [minutes(e.atMs), e.what]),
  ]);
  await summary.write();
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () => reject(new Error('The job was cancelled during the release.'));
    if (signal.aborted) return cancelled();
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      cancelled();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function run(): Promise<void> {
  await runStep(async () => {
    const environment = choiceInput('environment', DEPLOY_ENVIRONMENTS);
    const config = getEnvironment(environment);
    const names = resourceNames(environment);
    const region = optionalInput('region') ?? names.region;
    const functionName = optionalInput('function_name') ?? names.function;
    const alias = optionalInput('alias') ?? LIVE_ALIAS;
    const newVersion = requiredInput('new_version').trim();
    const ingestBucket = requiredInput('ingest_bucket');
    const processedBucket = requiredInput('processed_bucket');
    const smokeTimeoutMs = integerInput('smoke_timeout_seconds', 300, { min: 1, max: 3600 }) * 1000;
    const canary = optionalInput('canary_attempts');
    const s3 = s3Client(region);
    const body = readFileSync(SAMPLE_EXPORT, 'utf8');
    // The runner sends SIGINT, then SIGTERM, to a cancelled or timed-out job: stop waiting and
    // take the rollback path rather than leave the alias half-way.
    const cancel = new AbortController();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => cancel.abort());

    const outcome = await release({
      environment,
      functionName,
      alias,
      newVersion,
      release: config.release,
      lambda: lambdaApi(new LambdaClient({ region }), functionName, alias),
      // The stack's alarms are named `<stack>-<kind>` (stacks/constructs/alarms.ts).
      alarms: alarmsApi(new CloudWatchClient({ region }), `${names.stack}-`),
      smoke: async () => {
        const result = await runSmokeTest({
          client: s3,
          ingestBucket,
          processedBucket,
          body,
          expected: SAMPLE_EXPORT_COUNTS,
          timeoutMs: smokeTimeoutMs,
          pollMs: 2000,
          onProgress: (line) => core.info(line),
        });
        return {
          uploadKey: result.uploadKey,
          reportKey: result.reportKey,
          functionVersion: result.report.functionVersion ?? null,
        };
      },
      clock: { now: () => Date.now(), sleep: (ms) => abortableSleep(ms, cancel.signal) },
      cancelled: () => cancel.signal.aborted,
      pollSeconds: integerInput('poll_seconds', 60, { min: 1, max: 600 }),
      ...(canary === undefined
        ? {}
        : { canaryAttempts: integerInput('canary_attempts', 1, { min: 1, max: 500 }) }),
      onProgress: (line) => core.info(line),
    });

    core.setOutput('result', outcome.result);
    core.setOutput('previous_version', outcome.previousVersion ?? '');
    core.setOutput('new_version', outcome.newVersion);
    await writeSummary(outcome);
    if (outcome.result === 'released') return;
    throw new StepError(
      outcome.result === 'rolled-back' ? 'RELEASE_ROLLED_BACK' : 'RELEASE_FAILED',
      `${outcomeHeading(outcome)}. ${outcome.failure ?? ''}${
        outcome.manualCommand ? ` Run: ${outcome.manualCommand}` : ''
      }`,
    );
  });
}

/**
 * The release of a new function version behind the `live` alias, after terraform apply
 * published it: pure logic over an injected Lambda API, alarms API, smoke test and clock, so
 * every path (and above all the rollback path) is tested without AWS.
 *
 * How the smoke test is tied to the new version, without invoking the function: the upload
 * goes through the ingest bucket's notification to the alias, like any athlete's, and the
 * report the function writes names the Lambda version that processed it (`functionVersion`).
 * - all-at-once: the alias moves to the new version first, so the smoke upload can only
 *   reach it; a report from any other version fails the release.
 * - canary: the alias keeps the previous version and sends `canaryWeight` of invocations to
 *   the new one. Which version an invocation runs is Lambda's random choice, so the smoke test
 *   uploads again until a report comes from the new version, at most `canaryAttempts` times
 *   (enough that a healthy new version is missed with under 1% chance). Every report must be
 *   ok, whichever version wrote it; no report from the new version within the attempts fails
 *   the release too (fail closed: it was never shown to work).
 * Invoking the new version directly (lambda:InvokeFunction on `<name>:<version>`) would pick
 * the version deterministically, but the smoke object's own notification would reach the
 * alias as well, and the two invocations would race for the same upload id and report.
 *
 * Then the bake: the environment's alarms (DescribeAlarms with the stack's name prefix) are
 * read every `pollSeconds` for `bakeMinutes`. An alarm that was in ALARM before the release
 * began and stays there is reported but not held against it (a fix must be deployable while
 * the DLQ alarm is still up); any other alarm in ALARM fails the release. A canary moves all
 * the way only after its bake. A failed smoke test or alarm moves the alias back to the
 * version it had when the release began, by itself; when there is none (the first release,
 * or a re-run that finds the alias already at the new version) the release fails and says
 * that nothing could be rolled back.
 */

/** What the alias points at: its version, and the share of invocations other versions get. */
export interface AliasState {
  readonly functionVersion: string;
  /** AdditionalVersionWeights: version -> weight (0..1); empty when all go to functionVersion. */
  readonly weights: Readonly<Record<string, number>>;
}

export interface LambdaApi {
  getAlias(): Promise<AliasState>;
  /** UpdateAlias: `weights` replaces the routing (empty clears it). */
  updateAlias(target: AliasState): Promise<void>;
  /** The function's published version numbers (no $LATEST). */
  listVersions(): Promise<readonly string[]>;
  /** The version's state (Pending, Active, Failed, Inactive) and why, from GetFunction. */
  versionState(version: string): Promise<{ readonly state: string; readonly reason?: string }>;
}

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmStatus {
  readonly name: string;
  readonly state: AlarmStateValue;
  readonly updatedAt: Date;
  readonly reason?: string;
}

export interface AlarmsApi {
  /** Every alarm of the environment (DescribeAlarms with its name prefix). */
  describe(): Promise<readonly AlarmStatus[]>;
}

/** One smoke upload through the alias: throws when the report is missing or not ok. */
export type SmokeRun = () => Promise<{
  readonly uploadKey: string;
  readonly reportKey: string;
  /** The version the report says processed it; null when it records none. */
  readonly functionVersion: string | null;
}>;

export interface Clock {
  now(): number;
  /** Rejects when the job is cancelled, so a cancelled release takes the rollback path. */
  sleep(ms: number): Promise<void>;
}

export type ReleaseStrategySettings =
  | { readonly strategy: 'all-at-once'; readonly bakeMinutes: number }
  | { readonly strategy: 'canary'; readonly canaryWeight: number; readonly bakeMinutes: number };

export interface ReleaseOptions {
  readonly environment: string;
  readonly functionName: string;
  readonly alias: string;
  /** The version terraform apply published (output function_version). */
  readonly newVersion: string;
  readonly release: ReleaseStrategySettings;
  readonly lambda: LambdaApi;
  readonly alarms: AlarmsApi;
  readonly smoke: SmokeRun;
  readonly clock: Clock;
  /** How often the alarms are read during the bake. @default 60 */
  readonly pollSeconds?: number;
  /** Smoke uploads a canary makes at most. @default canaryAttempts(canaryWeight) */
  readonly canaryAttempts?: number;
  /** How long a new version may stay Pending before the release gives up. @default 300 */
  readonly activeTimeoutSeconds?: number;
  readonly onProgress?: (line: string) => void;
  /** True once the job is being cancelled (SIGINT/SIGTERM): the release stops and rolls back. */
  readonly cancelled?: () => boolean;
}

export type ReleaseResult =
  /** The alias is on the new version. */
  | 'released'
  /** The release failed and the alias is back on the previous version. */
  | 'rolled-back'
  /** The release failed and there was no previous version to go back to. */
  | 'failed-no-rollback'
  /** The release failed and so did moving the alias back: someone must move it. */
  | 'rollback-failed'
  /** The release failed before the alias was touched. */
  | 'refused';

export interface ReleaseEvent {
  readonly atMs: number;
  readonly what: string;
}

export interface ReleaseOutcome {
  readonly result: ReleaseResult;
  readonly environment: string;
  readonly strategy: ReleaseStrategySettings['strategy'];
  readonly newVersion: string;
  /** The version the alias had when the release began; undefined when none is known. */
  readonly previousVersion: string | undefined;
  /** Why there is no previous version (first release, re-run), when there is none. */
  readonly noPreviousBecause?: 'first-release' | 'already-at-new-version';
  /** Why the release failed; undefined when it was released. */
  readonly failure?: string;
  /** Alarms in ALARM before the release began (reported, not held against it). */
  readonly preexistingAlarms: readonly string[];
  readonly smokeUploads: readonly { uploadKey: string; reportKey: string; functionVersion: string | null }[];
  readonly timeline: readonly ReleaseEvent[];
  /** The command that moves the alias by hand, for the summary. */
  readonly manualCommand?: string;
}

/** A failed check of the release: the alias goes back (when it can). */
class ReleaseFailure extends Error {}

const NUMBERED = /^[1-9]\d*$/;

/** Smoke uploads a canary of `weight` needs so that it misses a healthy new version with under 1% chance. */
export function canaryAttempts(weight: number, missChance = 0.01): number {
  if (!(weight > 0 && weight < 1)) throw new RangeError(`canary weight ${weight} is not between 0 and 1`);
  return Math.max(1, Math.ceil(Math.log(missChance) / Math.log(1 - weight)));
}

/** Alarms that count against the release: in ALARM now, unless they were there all along. */
export function firingAlarms(
  alarms: readonly AlarmStatus[],
  preexisting: ReadonlyMap<string, Date>,
): AlarmStatus[] {
  return alarms.filter((alarm) => {
    if (alarm.state !== 'ALARM') return false;
    const since = preexisting.get(alarm.name);
    // Still the same ALARM that was there before the release began.
    return since === undefined || alarm.updatedAt.getTime() > since.getTime();
  });
}

function sameAlias(a: AliasState, b: AliasState): boolean {
  const keys = (w: Readonly<Record<string, number>>) => Object.keys(w).sort().join(',');
  return (
    a.functionVersion === b.functionVersion &&
    keys(a.weights) === keys(b.weights) &&
    Object.entries(a.weights).every(([v, w]) => b.weights[v] === w)
  );
}

/** What the release found before it moved anything. */
interface Start {
  previousVersion?: string;
  noPreviousBecause?: ReleaseOutcome['noPreviousBecause'];
  /** The alias is on the new version but still routes some invocations elsewhere. */
  routed: boolean;
  readonly preexisting: Map<string, Date>;
}

type Note = (what: string) => void;

export async function release(options: ReleaseOptions): Promise<ReleaseOutcome> {
  const { clock } = options;
  const started = clock.now();
  const timeline: ReleaseEvent[] = [];
  const smokeUploads: Uploads = [];
  const note: Note = (what) => {
    timeline.push({ atMs: clock.now() - started, what });
    options.onProgress?.(what);
  };
  const start: Start = { routed: false, preexisting: new Map() };
  const outcome = (result: ReleaseResult, failure?: string): ReleaseOutcome => ({
    environment: options.environment,
    strategy: options.release.strategy,
    newVersion: options.newVersion,
    smokeUploads,
    timeline,
    result,
    previousVersion: start.previousVersion,
    ...(start.noPreviousBecause ? { noPreviousBecause: start.noPreviousBecause } : {}),
    ...(failure === undefined ? {} : { failure }),
    preexistingAlarms: [...start.preexisting.keys()],
  });

  // Before anything moves: a failure here leaves the alias where it was.
  try {
    await prepare(options, start, note);
  } catch (error) {
    return outcome('refused', messageOf(error));
  }

  const moveTo = async (target: AliasState, what: string) => {
    await options.lambda.updateAlias(target);
    note(what);
  };
  try {
    await shift(options, start, smokeUploads, note, moveTo);
    return outcome('released');
  } catch (error) {
    const failure = messageOf(error);
    note(`Release failed: ${failure}`);
    const previous = start.previousVersion;
    if (previous === undefined) return outcome('failed-no-rollback', failure);
    try {
      await moveTo(
        { functionVersion: previous, weights: {} },
        `Rolled back: alias ${options.alias} is on version ${previous} again, with no routing to ${options.newVersion}.`,
      );
      return outcome('rolled-back', failure);
    } catch (rollbackError) {
      note(`Moving the alias back failed: ${messageOf(rollbackError)}`);
      return {
        ...outcome('rollback-failed', failure),
        manualCommand: `aws lambda update-alias --function-name ${options.functionName} --name ${options.alias} --function-version ${previous} --routing-config AdditionalVersionWeights={}`,
      };
    }
  }
}

/** Reads the alias, the versions and the alarms, and waits for the new version to be Active. */
async function prepare(options: ReleaseOptions, start: Start, note: Note): Promise<void> {
  const { lambda, newVersion } = options;
  if (!NUMBERED.test(newVersion)) {
    throw new ReleaseFailure(
      `Output function_version is '${newVersion}', not a published version number: the function must publish (publish = true) for the alias to move to it.`,
    );
  }
  const current = await lambda.getAlias();
  const routing = Object.keys(current.weights).length > 0;
  note(
    `Alias ${options.alias} is on version ${current.functionVersion}${
      routing ? ` with routing ${JSON.stringify(current.weights)}` : ''
    }; releasing version ${newVersion} (${options.release.strategy}).`,
  );
  if (current.functionVersion !== newVersion) {
    start.previousVersion = current.functionVersion;
  } else {
    start.routed = routing;
    const versions = (await lambda.listVersions()).filter((v) => NUMBERED.test(v));
    start.noPreviousBecause = versions.every((v) => v === newVersion)
      ? 'first-release'
      : 'already-at-new-version';
    note(
      start.noPreviousBecause === 'first-release'
        ? `Version ${newVersion} is the function's first: nothing to move, and nothing to roll back to.`
        : `The alias is already on version ${newVersion} (a re-run, or a deploy that did not change the function): smoke test and bake only; this run knows no earlier version to roll back to.`,
    );
  }
  const before = await options.alarms.describe();
  if (before.length === 0) {
    throw new ReleaseFailure(
      `No alarms of ${options.environment} were found, so the bake would watch nothing; check that the stack's alarms exist and that the deploy role may call cloudwatch:DescribeAlarms.`,
    );
  }
  for (const alarm of before) if (alarm.state === 'ALARM') start.preexisting.set(alarm.name, alarm.updatedAt);
  if (start.preexisting.size > 0) {
    note(
      `Already in ALARM before the release (not held against it unless they change): ${[...start.preexisting.keys()].join(', ')}.`,
    );
  }
  await waitUntilActive(options, note);
}

/** Moves the alias as the strategy says, with the smoke test and the bake; throws on a failed check. */
async function shift(
  options: ReleaseOptions,
  start: Start,
  uploads: Uploads,
  note: Note,
  moveTo: (target: AliasState, what: string) => Promise<void>,
): Promise<void> {
  const { newVersion, release: settings } = options;
  const full: AliasState = { functionVersion: newVersion, weights: {} };
  const previous = start.previousVersion;
  if (previous === undefined) {
    if (start.routed)
      await moveTo(full, `Alias ${options.alias} routing cleared: all invocations go to ${newVersion}.`);
    await smokeOnce(options, uploads, note, true);
    await bake(options, start.preexisting, note);
  } else if (settings.strategy === 'all-at-once') {
    await moveTo(full, `Alias ${options.alias} moved to version ${newVersion} (all at once).`);
    await smokeOnce(options, uploads, note, true);
    await bake(options, start.preexisting, note);
  } else {
    await moveTo(
      { functionVersion: previous, weights: { [newVersion]: settings.canaryWeight } },
      `Alias ${options.alias} sends ${Math.round(settings.canaryWeight * 100)}% of invocations to version ${newVersion}, the rest to ${previous}.`,
    );
    await smokeCanary(options, settings.canaryWeight, uploads, note);
    await bake(options, start.preexisting, note);
    await moveTo(
      full,
      `Canary baked without an alarm: alias ${options.alias} moved to version ${newVersion}.`,
    );
  }
  const after = await options.lambda.getAlias();
  if (!sameAlias(after, full)) {
    throw new ReleaseFailure(
      `Alias ${options.alias} should be on version ${newVersion} alone, but is on ${after.functionVersion} with routing ${JSON.stringify(after.weights)}: something else moved it during the release.`,
    );
  }
}

async function waitUntilActive(options: ReleaseOptions, note: (what: string) => void): Promise<void> {
  const deadline = options.clock.now() + (options.activeTimeoutSeconds ?? 300) * 1000;
  for (;;) {
    const { state, reason } = await options.lambda.versionState(options.newVersion);
    if (state === 'Active') return;
    if (state === 'Failed' || state === 'Inactive') {
      throw new ReleaseFailure(
        `Version ${options.newVersion} is ${state}${reason ? ` (${reason})` : ''}; it cannot take invocations.`,
      );
    }
    if (options.clock.now() >= deadline) {
      throw new ReleaseFailure(
        `Version ${options.newVersion} was still ${state} after ${options.activeTimeoutSeconds ?? 300} s.`,
      );
    }
    note(`Version ${options.newVersion} is ${state}; waiting for it to be Active.`);
    await options.clock.sleep(5_000);
  }
}

type Uploads = { uploadKey: string; reportKey: string; functionVersion: string | null }[];

/** One smoke upload that must be processed by the new version (the alias routes only to it). */
async function smokeOnce(
  options: ReleaseOptions,
  uploads: Uploads,
  note: Note,
  aliasOnNewOnly: boolean,
): Promise<void> {
  const result = await smokeAttempt(options, uploads);
  if (result.functionVersion === options.newVersion) {
    note(`Smoke upload ${result.uploadKey} processed by version ${options.newVersion}: ok.`);
    return;
  }
  if (result.functionVersion === null && aliasOnNewOnly) {
    // An image from before reports named their version; the alias routes nowhere else.
    note(
      `Smoke upload ${result.uploadKey}: ok; its report names no version, but the alias routes only to ${options.newVersion}.`,
    );
    return;
  }
  throw new ReleaseFailure(
    `The smoke upload ${result.uploadKey} was processed by version ${result.functionVersion ?? 'unknown'}, not ${options.newVersion}, although the alias routes only to ${options.newVersion}.`,
  );
}

/** Smoke uploads through the canary until one is processed by the new version. */
async function smokeCanary(
  options: ReleaseOptions,
  weight: number,
  uploads: Uploads,
  note: (what: string) => void,
): Promise<void> {
  const attempts = options.canaryAttempts ?? canaryAttempts(weight);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const result = await smokeAttempt(options, uploads);
    if (result.functionVersion === options.newVersion) {
      note(
        `Smoke upload ${attempt} of at most ${attempts} (${result.uploadKey}) processed by version ${options.newVersion}: ok.`,
      );
      return;
    }
    note(
      `Smoke upload ${attempt} of at most ${attempts} processed by version ${result.functionVersion ?? 'unknown'}: ok, but not the new version; uploading again.`,
    );
  }
  throw new ReleaseFailure(
    `None of ${attempts} smoke uploads was processed by version ${options.newVersion} at weight ${weight}, so it was never shown to work (a healthy version is missed this way with under 1% chance).`,
  );
}

async function smokeAttempt(options: ReleaseOptions, uploads: Uploads) {
  if (options.cancelled?.()) throw new ReleaseFailure('The job was cancelled during the release.');
  try {
    const result = await options.smoke();
    uploads.push({ ...result });
    return result;
  } catch (error) {
    throw new ReleaseFailure(`Smoke test failed: ${messageOf(error)}`, { cause: error });
  }
}

/** Reads the alarms every pollSeconds for bakeMinutes (at least once); any firing one fails. */
async function bake(
  options: ReleaseOptions,
  preexisting: ReadonlyMap<string, Date>,
  note: (what: string) => void,
): Promise<void> {
  const { clock, release: settings } = options;
  const pollMs = (options.pollSeconds ?? 60) * 1000;
  const end = clock.now() + settings.bakeMinutes * 60_000;
  note(
    settings.bakeMinutes > 0
      ? `Baking ${settings.bakeMinutes} min: reading the alarms every ${pollMs / 1000} s.`
      : 'No bake configured: reading the alarms once.',
  );
  for (;;) {
    const firing = firingAlarms(await options.alarms.describe(), preexisting);
    if (firing.length > 0) {
      throw new ReleaseFailure(
        `Alarm ${firing.map((a) => `${a.name}${a.reason ? ` (${a.reason})` : ''}`).join(', ')} in ALARM during the bake.`,
      );
    }
    const left = end - clock.now();
    if (left <= 0) break;
    await clock.sleep(Math.min(pollMs, left));
  }
  note('Bake passed: no alarm fired.');
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !(error instanceof ReleaseFailure)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}

/** The job summary's heading: what happened, and where the alias is now. */
export function outcomeHeading(outcome: ReleaseOutcome): string {
  const env = outcome.environment;
  switch (outcome.result) {
    case 'released':
      return `Released: ${env} runs version ${outcome.newVersion}`;
    case 'rolled-back':
      return `Rolled back: ${env} runs version ${outcome.previousVersion} again (version ${outcome.newVersion} failed)`;
    case 'failed-no-rollback':
      return `Release of version ${outcome.newVersion} failed in ${env}, and there was no earlier version to roll back to`;
    case 'rollback-failed':
      return `Release of version ${outcome.newVersion} failed in ${env}, and moving the alias back to ${outcome.previousVersion} failed too: move it by hand`;
    case 'refused':
      return `Release of version ${outcome.newVersion} not started in ${env}: the alias was not moved`;
  }
}

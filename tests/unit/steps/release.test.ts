import { afterEach, describe, expect, it } from 'vitest';
import {
  type AlarmStatus,
  type AliasState,
  canaryAttempts,
  firingAlarms,
  type LambdaApi,
  outcomeHeading,
  type ReleaseOptions,
  type ReleaseStrategySettings,
  release,
  type SmokeRun,
} from '../../../scripts/steps/release/release.js';
import { abortableSleep, alarmsApi, lambdaApi, writeSummary } from '../../../scripts/steps/release/run.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

const ALL_AT_ONCE: ReleaseStrategySettings = { strategy: 'all-at-once', bakeMinutes: 5 };
const CANARY: ReleaseStrategySettings = { strategy: 'canary', canaryWeight: 0.1, bakeMinutes: 20 };
const T0 = Date.parse('2026-12-01T10:00:00Z');

/** A fake Lambda: the alias's state, every move it got, and the function's versions. */
function fakeLambda(alias: AliasState, versions: string[], options: { failUpdateAt?: number } = {}) {
  const moves: AliasState[] = [];
  let state = alias;
  const api: LambdaApi = {
    getAlias: async () => state,
    updateAlias: async (target) => {
      if (options.failUpdateAt === moves.length)
        throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
      moves.push(target);
      state = target;
    },
    listVersions: async () => ['$LATEST', ...versions],
    versionState: async () => ({ state: 'Active' }),
  };
  return { api, moves, current: () => state };
}

/** A fake clock: sleeping advances it at once. */
function fakeClock() {
  let now = T0;
  const sleeps: number[] = [];
  return {
    clock: {
      now: () => now,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        now += ms;
      },
    },
    sleeps,
    elapsed: () => now - T0,
  };
}

const alarm = (name: string, state: AlarmStatus['state'], at = T0 - 3_600_000): AlarmStatus => ({
  name,
  state,
  updatedAt: new Date(at),
});

/** Alarms all OK, or ALARM for `name` once the clock passes `fromMs` after T0. */
function fakeAlarms(clock: { now(): number }, firing?: { name: string; fromMs: number }) {
  let reads = 0;
  return {
    api: {
      describe: async () => {
        reads++;
        return ['errors', 'throttles', 'dlq-depth'].map((kind) => {
          const name = `workout-pipeline-prod-${kind}`;
          return firing && firing.name === name && clock.now() - T0 >= firing.fromMs
            ? { ...alarm(name, 'ALARM', clock.now()), reason: 'Threshold Crossed: 1 datapoint [3.0]' }
            : alarm(name, 'OK');
        });
      },
    },
    reads: () => reads,
  };
}

/** Smoke runs that report the version the test says, one after the other (the last repeats). */
function fakeSmoke(results: (string | null | Error)[]): SmokeRun & { calls: () => number } {
  let calls = 0;
  const smoke = async () => {
    const result = results[Math.min(calls, results.length - 1)];
    calls++;
    if (result instanceof Error) throw result;
    return {
      uploadKey: `uploads/smoke/s${calls}.csv`,
      reportKey: `reports/smoke/s${calls}.json`,
      functionVersion: result ?? null,
    };
  };
  return Object.assign(smoke, { calls: () => calls });
}

function options(
  overrides: Partial<ReleaseOptions> & Pick<ReleaseOptions, 'lambda' | 'alarms' | 'smoke' | 'clock'>,
): ReleaseOptions {
  return {
    environment: 'prod',
    functionName: 'workout-pipeline-prod-processor',
    alias: 'live',
    newVersion: '8',
    release: ALL_AT_ONCE,
    ...overrides,
  };
}

describe('release: all at once', () => {
  it('moves the alias to the new version, smoke-tests it through the alias, bakes, and stays', async () => {
    // Prepare
    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['1', '7', '8']);
    const time = fakeClock();
    const alarms = fakeAlarms(time.clock);
    const smoke = fakeSmoke(['8']);

    // Act
    const outcome = await release(
      options({ lambda: lambda.api, alarms: alarms.api, smoke, clock: time.clock, pollSeconds: 60 }),
    );

    // Assess
    expect(outcome.result).toBe('released');
    expect(outcome.previousVersion).toBe('7');
    expect(lambda.moves).toEqual([{ functionVersion: '8', weights: {} }]);
    expect(smoke.calls()).toBe(1);
    expect(time.elapsed()).toBe(5 * 60_000);
    // Once before the release, then at 0, 1, ..., 5 minutes of the bake.
    expect(alarms.reads()).toBe(1 + 6);
    expect(outcomeHeading(outcome)).toBe('Released: prod runs version 8');
  });

  it('rolls back to the previous version by itself when the smoke test fails', async () => {
    // Prepare
    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8']);
    const time = fakeClock();
    const smoke = fakeSmoke([new Error('SMOKE_TIMEOUT: no report within 300 s')]);

    // Act
    const outcome = await release(
      options({ lambda: lambda.api, alarms: fakeAlarms(time.clock).api, smoke, clock: time.clock }),
    );

    // Assess
    expect(outcome.result).toBe('rolled-back');
    expect(lambda.moves).toEqual([
      { functionVersion: '8', weights: {} },
      { functionVersion: '7', weights: {} },
    ]);
    expect(lambda.current()).toEqual({ functionVersion: '7', weights: {} });
    expect(outcome.failure).toContain('SMOKE_TIMEOUT');
    expect(outcomeHeading(outcome)).toBe('Rolled back: prod runs version 7 again (version 8 failed)');
  });

  it('fails and rolls back when the report says another version processed the smoke upload', async () => {
    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8']);
    const time = fakeClock();
    const outcome = await release(
      options({
        lambda: lambda.api,
        alarms: fakeAlarms(time.clock).api,
        smoke: fakeSmoke(['7']),
        clock: time.clock,
      }),
    );
    expect(outcome.result).toBe('rolled-back');
    expect(outcome.failure).toContain('processed by version 7, not 8');
  });

  it('rolls back when an alarm goes into ALARM during the bake', async () => {
    // Prepare: errors alarms two minutes into the five-minute bake.
    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8']);
    const time = fakeClock();
    const alarms = fakeAlarms(time.clock, { name: 'workout-pipeline-prod-errors', fromMs: 2 * 60_000 });

    // Act
    const outcome = await release(
      options({
        lambda: lambda.api,
        alarms: alarms.api,
        smoke: fakeSmoke(['8']),
        clock: time.clock,
        pollSeconds: 60,
      }),
    );

    // Assess
    expect(outcome.result).toBe('rolled-back');
    expect(outcome.failure).toContain('workout-pipeline-prod-errors');
    expect(outcome.failure).toContain('Threshold Crossed');
    expect(time.elapsed()).toBe(2 * 60_000);
    expect(lambda.current()).toEqual({ functionVersion: '7', weights: {} });
  });
});

describe('release: canary', () => {
  it('routes the canary weight, smoke-tests until the new version answers, bakes, then moves all the way', async () => {
    // Prepare: the first two smoke uploads land on the old version.
    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8']);
    const time = fakeClock();
    const smoke = fakeSmoke(['7', '7', '8']);

    // Act
    const outcome = await release(
      options({
        release: CANARY,
        lambda: lambda.api,
        alarms: fakeAlarms(time.clock).api,
        smoke,
        clock: time.clock,
      }),
    );

    // Assess
    expect(outcome.result).toBe('released');
    expect(lambda.moves).toEqual([
      { functionVersion: '7', weights: { '8': 0.1 } },
      { functionVersion: '8', weights: {} },
    ]);
    expect(smoke.calls()).toBe(3);
    expect(outcome.smokeUploads.map((u) => u.functionVersion)).toEqual(['7', '7', '8']);
    expect(time.elapsed()).toBe(20 * 60_000);
  });

  it('rolls back, clearing the routing, when an alarm fires during the canary bake', async () => {
    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8']);
    const time = fakeClock();
    const alarms = fakeAlarms(time.clock, { name: 'workout-pipeline-prod-dlq-depth', fromMs: 12 * 60_000 });
    const outcome = await release(
      options({
        release: CANARY,
        lambda: lambda.api,
        alarms: alarms.api,
        smoke: fakeSmoke(['8']),
        clock: time.clock,
      }),
    );
    expect(outcome.result).toBe('rolled-back');
    expect(lambda.moves.at(-1)).toEqual({ functionVersion: '7', weights: {} });
    expect(lambda.moves.some((m) => m.functionVersion === '8')).toBe(false);
  });

  it('rolls back when the new version fails its smoke upload behind the canary', async () => {
    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8']);
    const time = fakeClock();
    const outcome = await release(
      options({
        release: CANARY,
        lambda: lambda.api,
        alarms: fakeAlarms(time.clock).api,
        smoke: fakeSmoke(['7', new Error("SMOKE_REPORT_NOT_OK: status 'rejected'")]),
        clock: time.clock,
      }),
    );
    expect(outcome.result).toBe('rolled-back');
    expect(outcome.failure).toContain('SMOKE_REPORT_NOT_OK');
    expect(lambda.current()).toEqual({ functionVersion: '7', weights: {} });
  });

  it('fails closed and rolls back when no smoke upload reached the new version within the attempts', async () => {
    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8']);
    const time = fakeClock();
    const smoke = fakeSmoke(['7']);
    const outcome = await release(
      options({
        release: CANARY,
        lambda: lambda.api,
        alarms: fakeAlarms(time.clock).api,
        smoke,
        clock: time.clock,
        canaryAttempts: 4,
      }),
    );
    expect(outcome.result).toBe('rolled-back');
    expect(smoke.calls()).toBe(4);
    expect(outcome.failure).toContain('None of 4 smoke uploads was processed by version 8');
  });

  it('makes enough smoke uploads that a healthy new version is missed with under 1% chance', () => {
    expect(canaryAttempts(0.1)).toBe(44);
    expect(canaryAttempts(0.25)).toBe(17);
    expect(canaryAttempts(0.5)).toBe(7);
    for (const w of [0.05, 0.1, 0.25, 0.5, 0.9]) expect((1 - w) ** canaryAttempts(w)).toBeLessThan(0.01);
    expect(() => canaryAttempts(1)).toThrow(RangeError);
  });
});

describe('release: re-runs, first release, and what it cannot undo', () => {
  it('finds the alias already on the new version (a re-run): moves nothing, smoke-tests and bakes', async () => {
    const lambda = fakeLambda({ functionVersion: '8', weights: {} }, ['7', '8']);
    const time = fakeClock();
    const smoke = fakeSmoke(['8']);
    const outcome = await release(
      options({
        release: CANARY,
        lambda: lambda.api,
        alarms: fakeAlarms(time.clock).api,
        smoke,
        clock: time.clock,
      }),
    );
    expect(outcome.result).toBe('released');
    expect(outcome.previousVersion).toBeUndefined();
    expect(outcome.noPreviousBecause).toBe('already-at-new-version');
    expect(lambda.moves).toEqual([]);
    expect(smoke.calls()).toBe(1);
  });

  it('on the first release, fails clearly when the smoke test fails: there is no version to roll back to', async () => {
    // Prepare: Terraform created the alias at the first version.
    const lambda = fakeLambda({ functionVersion: '1', weights: {} }, ['1']);
    const time = fakeClock();

    // Act
    const outcome = await release(
      options({
        newVersion: '1',
        lambda: lambda.api,
        alarms: fakeAlarms(time.clock).api,
        smoke: fakeSmoke([new Error('SMOKE_TIMEOUT')]),
        clock: time.clock,
      }),
    );

    // Assess
    expect(outcome.result).toBe('failed-no-rollback');
    expect(outcome.noPreviousBecause).toBe('first-release');
    expect(lambda.moves).toEqual([]);
    expect(outcomeHeading(outcome)).toBe(
      'Release of version 1 failed in prod, and there was no earlier version to roll back to',
    );
  });

  it('says how to move the alias by hand when moving it back fails', async () => {
    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8'], { failUpdateAt: 1 });
    const time = fakeClock();
    const outcome = await release(
      options({
        lambda: lambda.api,
        alarms: fakeAlarms(time.clock).api,
        smoke: fakeSmoke([new Error('boom')]),
        clock: time.clock,
      }),
    );
    expect(outcome.result).toBe('rollback-failed');
    expect(outcome.manualCommand).toBe(
      'aws lambda update-alias --function-name workout-pipeline-prod-processor --name live --function-version 7 --routing-config AdditionalVersionWeights={}',
    );
  });

  it('refuses before moving anything when the output is not a published version, or no alarm exists to watch', async () => {
    const time = fakeClock();
    const latest = fakeLambda({ functionVersion: '7', weights: {} }, ['7']);
    const notPublished = await release(
      options({
        newVersion: '$LATEST',
        lambda: latest.api,
        alarms: fakeAlarms(time.clock).api,
        smoke: fakeSmoke(['8']),
        clock: time.clock,
      }),
    );
    expect(notPublished.result).toBe('refused');
    expect(latest.moves).toEqual([]);

    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8']);
    const noAlarms = await release(
      options({
        lambda: lambda.api,
        alarms: { describe: async () => [] },
        smoke: fakeSmoke(['8']),
        clock: time.clock,
      }),
    );
    expect(noAlarms.result).toBe('refused');
    expect(noAlarms.failure).toContain('No alarms');
    expect(lambda.moves).toEqual([]);
  });

  it('waits for a Pending version to become Active, and refuses a Failed one', async () => {
    const time = fakeClock();
    const states = ['Pending', 'Active'];
    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8']);
    const pending = { ...lambda.api, versionState: async () => ({ state: states.shift() ?? 'Active' }) };
    const ok = await release(
      options({
        lambda: pending,
        alarms: fakeAlarms(time.clock).api,
        smoke: fakeSmoke(['8']),
        clock: time.clock,
      }),
    );
    expect(ok.result).toBe('released');

    const failed = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8']);
    const broken = {
      ...failed.api,
      versionState: async () => ({ state: 'Failed', reason: 'image not found' }),
    };
    const refused = await release(
      options({
        lambda: broken,
        alarms: fakeAlarms(time.clock).api,
        smoke: fakeSmoke(['8']),
        clock: time.clock,
      }),
    );
    expect(refused.result).toBe('refused');
    expect(refused.failure).toContain('image not found');
    expect(failed.moves).toEqual([]);
  });
});

describe('release: a cancelled job', () => {
  it('rolls back the canary when the job is cancelled during the bake', async () => {
    // Prepare: the runner's SIGINT arrives while the release sleeps between alarm reads.
    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8']);
    const time = fakeClock();
    const clock = {
      now: time.clock.now,
      sleep: async () => {
        throw new Error('The job was cancelled during the release.');
      },
    };

    // Act
    const outcome = await release(
      options({
        release: CANARY,
        lambda: lambda.api,
        alarms: fakeAlarms(time.clock).api,
        smoke: fakeSmoke(['8']),
        clock,
      }),
    );

    // Assess
    expect(outcome.result).toBe('rolled-back');
    expect(outcome.failure).toContain('cancelled');
    expect(lambda.current()).toEqual({ functionVersion: '7', weights: {} });
  });

  it('makes no further smoke upload once cancelled', async () => {
    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8']);
    const time = fakeClock();
    const smoke = fakeSmoke(['8']);
    const outcome = await release(
      options({
        lambda: lambda.api,
        alarms: fakeAlarms(time.clock).api,
        smoke,
        clock: time.clock,
        cancelled: () => true,
      }),
    );
    expect(outcome.result).toBe('rolled-back');
    expect(smoke.calls()).toBe(0);
  });

  it('stops a sleep as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toThrow('cancelled');
    await expect(abortableSleep(1, new AbortController().signal)).resolves.toBeUndefined();
  });
});

describe('release: alarms that were in ALARM before the release', () => {
  it('are not held against it while they stay, but count once they change', () => {
    const since = new Date(T0 - 600_000);
    const preexisting = new Map([['a-dlq-depth', since]]);
    expect(firingAlarms([alarm('a-dlq-depth', 'ALARM', since.getTime())], preexisting)).toEqual([]);
    expect(firingAlarms([alarm('a-dlq-depth', 'ALARM', T0 + 1000)], preexisting)).toHaveLength(1);
    expect(firingAlarms([alarm('a-errors', 'ALARM', T0)], preexisting)).toHaveLength(1);
    expect(firingAlarms([alarm('a-errors', 'INSUFFICIENT_DATA', T0)], preexisting)).toEqual([]);
  });

  it('lets a release through whose bake sees only the alarm that was already up', async () => {
    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8']);
    const time = fakeClock();
    const stale = alarm('workout-pipeline-prod-dlq-depth', 'ALARM', T0 - 600_000);
    const outcome = await release(
      options({
        lambda: lambda.api,
        alarms: { describe: async () => [stale] },
        smoke: fakeSmoke(['8']),
        clock: time.clock,
      }),
    );
    expect(outcome.result).toBe('released');
    expect(outcome.preexistingAlarms).toEqual(['workout-pipeline-prod-dlq-depth']);
  });
});

describe('release: job summary', () => {
  let env: ActionsEnv | undefined;
  afterEach(() => env?.restore());

  it('says the environment was rolled back, why, and what happened when', async () => {
    // Prepare
    const lambda = fakeLambda({ functionVersion: '7', weights: {} }, ['7', '8']);
    const time = fakeClock();
    const outcome = await release(
      options({
        lambda: lambda.api,
        alarms: fakeAlarms(time.clock, { name: 'workout-pipeline-prod-errors', fromMs: 60_000 }).api,
        smoke: fakeSmoke(['8']),
        clock: time.clock,
      }),
    );
    env = actionsEnv();

    // Act
    const step = await env.run(() => writeSummary(outcome), {});

    // Assess
    expect(step.summary).toContain('Rolled back: prod runs version 7 again (version 8 failed)');
    expect(step.summary).toContain('workout-pipeline-prod-errors');
    expect(step.summary).toContain('Alias live moved to version 8 (all at once).');
    expect(step.summary).toContain('Rolled back: alias live is on version 7 again');
  });
});

describe('release: the AWS adapters', () => {
  it('clears the routing with an empty weight map and reads the alias, versions and version state', async () => {
    // Prepare
    const sent: { name: string; input: Record<string, unknown> }[] = [];
    const replies: Record<string, unknown[]> = {
      GetAliasCommand: [{ FunctionVersion: '7', RoutingConfig: { AdditionalVersionWeights: { '8': 0.1 } } }],
      UpdateAliasCommand: [{}],
      ListVersionsByFunctionCommand: [
        { Versions: [{ Version: '$LATEST' }, { Version: '7' }], NextMarker: 'm' },
        { Versions: [{ Version: '8' }] },
      ],
      GetFunctionCommand: [{ Configuration: { State: 'Pending', StateReason: 'optimizing' } }],
    };
    const client = {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        sent.push({ name: command.constructor.name, input: command.input });
        return replies[command.constructor.name]?.shift();
      },
    } as unknown as Parameters<typeof lambdaApi>[0];
    const api = lambdaApi(client, 'fn', 'live');

    // Act
    const alias = await api.getAlias();
    await api.updateAlias({ functionVersion: '7', weights: {} });
    const versions = await api.listVersions();
    const state = await api.versionState('8');

    // Assess
    expect(alias).toEqual({ functionVersion: '7', weights: { '8': 0.1 } });
    expect(sent[1]).toEqual({
      name: 'UpdateAliasCommand',
      input: {
        FunctionName: 'fn',
        Name: 'live',
        FunctionVersion: '7',
        RoutingConfig: { AdditionalVersionWeights: {} },
      },
    });
    expect(versions).toEqual(['$LATEST', '7', '8']);
    expect(sent[3]?.input).toEqual({ FunctionName: 'fn', Marker: 'm' });
    expect(state).toEqual({ state: 'Pending', reason: 'optimizing' });
    expect(sent[4]?.input).toEqual({ FunctionName: 'fn', Qualifier: '8' });
  });

  it("reads every page of the environment's alarms by name prefix", async () => {
    const inputs: Record<string, unknown>[] = [];
    const pages = [
      {
        MetricAlarms: [{ AlarmName: 'p-errors', StateValue: 'OK', StateUpdatedTimestamp: new Date(T0) }],
        NextToken: 't',
      },
      {
        MetricAlarms: [
          {
            AlarmName: 'p-dlq-depth',
            StateValue: 'ALARM',
            StateUpdatedTimestamp: new Date(T0),
            StateReason: 'x',
          },
          // About the gold schedule, not the version: in ALARM on a new environment until its first run.
          { AlarmName: 'p-gold-no-run-report', StateValue: 'ALARM', StateUpdatedTimestamp: new Date(T0) },
          { AlarmName: 'p-gold-errors', StateValue: 'OK', StateUpdatedTimestamp: new Date(T0) },
        ],
      },
    ];
    const client = {
      send: async (command: { input: Record<string, unknown> }) => {
        inputs.push(command.input);
        return pages.shift();
      },
    } as unknown as Parameters<typeof alarmsApi>[0];
    const alarms = await alarmsApi(client, 'p-').describe();
    expect(alarms.map((a) => [a.name, a.state])).toEqual([
      ['p-errors', 'OK'],
      ['p-dlq-depth', 'ALARM'],
      ['p-gold-errors', 'OK'],
    ]);
    expect(inputs).toEqual([
      { AlarmNamePrefix: 'p-', NextToken: undefined },
      { AlarmNamePrefix: 'p-', NextToken: 't' },
    ]);
  });
});

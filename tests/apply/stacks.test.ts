/**
 * Every stack applied for real: OpenTofu and the AWS provider, built from their Go modules
 * (npm run tofu:setup), plan and apply the synthesized stacks into moto through the same
 * terraform step a deploy runs. What the emulator cannot hold is left out by type, and a
 * second plan may show only the emulator's known drifts (emulator-differences.ts).
 *
 * As on AWS: the emulator serves HTTPS (the buckets' policies refuse anything else), the
 * bootstrap stack starts with local state and creates the state bucket, and dev, staging and
 * prod keep their state there, in the S3 backend with a lock file. The bootstrap stack is
 * destroyed last.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { GetBucketNotificationConfigurationCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, type IamDecision, startEmulator } from '../../scripts/lib/emulator.js';
import { release } from '../../scripts/steps/release/release.js';
import { lambdaApi } from '../../scripts/steps/release/run.js';
import { SAMPLE_EXPORT } from '../../scripts/steps/smoke-test/run.js';
import { runSmokeTest } from '../../scripts/steps/smoke-test/smoke.js';
import { BOOTSTRAP, ENVIRONMENTS } from '../../stacks/config/environments.js';
import { stateKey } from '../../stacks/config/naming.js';
import { assumeRoleWithWebIdentity, denied, withIamEnforced } from './support/deploy-role.js';
import { trustingClientConfig } from './support/emulator-clients.js';
import { unexpectedChanges } from './support/expectations.js';
import { LambdaService } from './support/lambda-service.js';
import { StackRun, synthIntoEmulator } from './support/stack-run.js';
import { applyTools } from './support/tools.js';

let emulator: Emulator;
let bootstrap: StackRun;
/** The state bucket the bootstrap stack applied; dev, staging and prod keep their state there. */
let stateBucket: string;

beforeAll(async () => {
  emulator = await startEmulator({ env: {}, tls: true, recordIamDecisions: true });
}, 120_000);
afterAll(async () => emulator?.stop());

/** Plan, apply, plan again, for one stack; returns what was planned and applied. */
function applyAndReplan(run: StackRun) {
  const plan = run.step({ action: 'plan', emulator_gaps: 'true' });
  expect(plan.status, plan.log).toBe(0);
  expect(plan.outputs.changes).toBe('true');
  const planned = run.plannedChanges();
  const apply = run.step({ action: 'apply' });
  expect(apply.status, apply.log).toBe(0);
  const applied = run.stateAddresses();
  const replan = run.step({ action: 'plan', emulator_gaps: 'true' });
  expect(replan.status, replan.log).toBe(0);
  const drift = replan.outputs.changes === 'true' ? run.plannedChanges() : [];
  return { planned, applied, drift };
}

function destroy(run: StackRun) {
  const plan = run.step({ action: 'plan', destroy: 'true', emulator_gaps: 'true' });
  if (plan.status !== 0) return plan;
  return run.step({ action: 'apply' });
}

function expectAppliedAsPlanned(result: ReturnType<typeof applyAndReplan>) {
  const creates = result.planned.filter((c) => c.actions.includes('create')).map((c) => c.address);
  expect(creates.length).toBeGreaterThan(10);
  expect(result.planned.every((c) => c.actions.join() === 'create')).toBe(true);
  expect(result.applied.sort()).toEqual([...creates].sort());
}

function pipelineRun(env: 'dev' | 'staging' | 'prod'): StackRun {
  const stacksDir = synthIntoEmulator(env, emulator.endpoint, stateBucket);
  return new StackRun(applyTools(), stacksDir, `workout-pipeline-${env}`, emulator.env);
}

describe.sequential('the bootstrap stack, applied into the emulator', () => {
  let result: ReturnType<typeof applyAndReplan>;

  beforeAll(() => {
    const stacksDir = synthIntoEmulator('bootstrap', emulator.endpoint);
    bootstrap = new StackRun(applyTools(), stacksDir, 'workout-pipeline-bootstrap', emulator.env);
    result = applyAndReplan(bootstrap);
    stateBucket = String(bootstrap.outputs().state_bucket_name);
  }, 900_000);

  it('applies every planned resource but the ones the emulator cannot hold', () => {
    expectAppliedAsPlanned(result);
  });

  it('plans nothing more right after the apply, apart from the listed emulator drifts', () => {
    expect(unexpectedChanges(result.drift)).toEqual([]);
  });
});

for (const target of ['dev', 'staging'] as const) {
  describe.sequential(`the ${target} stack, applied into the emulator with its state in S3`, () => {
    let run: StackRun;
    /** dev: the stack run with the dev deploy role's own credentials, moto's IAM checks on. */
    let asDeployRole: StackRun;
    let decisions: IamDecision[] = [];
    let result: ReturnType<typeof applyAndReplan>;

    beforeAll(async () => {
      run = pipelineRun(target);
      if (target !== 'dev') {
        result = applyAndReplan(run);
        return;
      }
      const roleArn = String(bootstrap.outputs().deploy_role_arn_dev);
      asDeployRole = run.withCredentials(await assumeRoleWithWebIdentity(emulator, roleArn, 'apply-dev'));
      const enforced = await withIamEnforced(emulator, () => applyAndReplan(asDeployRole));
      result = enforced.value;
      decisions = enforced.decisions;
    }, 900_000);

    it.runIf(target === 'dev')(
      "plans, applies and plans again with the dev deploy role's own credentials: no action denied",
      () => {
        expect(denied(decisions)).toEqual([]);
        // moto checked the role on every service the stack uses (what it checks: emulator-differences.ts).
        const services = new Set(decisions.map((d) => d.action.split(':')[0]));
        expect([...services].sort()).toEqual(
          expect.arrayContaining(['dynamodb', 'iam', 'kms', 'lambda', 'logs', 's3', 'sns', 'sqs']),
        );
      },
    );

    it('applies every planned resource but the ones the emulator cannot hold', () => {
      expectAppliedAsPlanned(result);
    });

    it('plans nothing more right after the apply, apart from the listed emulator drifts', () => {
      expect(unexpectedChanges(result.drift)).toEqual([]);
    });

    it.runIf(target === 'dev')(
      'plans read-only with the dev plan role, as the job before approval does: no action denied, no lock taken',
      async () => {
        const roleArn = String(bootstrap.outputs().plan_role_arn_dev);
        const asPlanRole = run.withCredentials(
          await assumeRoleWithWebIdentity(emulator, roleArn, 'plan-dev'),
        );
        const enforced = await withIamEnforced(emulator, () =>
          asPlanRole.step({ action: 'plan', emulator_gaps: 'true', lock: 'false' }),
        );
        expect(enforced.value.status, enforced.value.log).toBe(0);
        expect(denied(enforced.decisions)).toEqual([]);
        // It read the state and wrote nothing: no lock file, no object, no resource.
        expect(enforced.decisions.filter((d) => !/:(Describe|Get|List|Head)/.test(d.action))).toEqual([]);
      },
      300_000,
    );

    it("keeps its state in the bootstrap stack's state bucket, encrypted, and none on disk", async () => {
      const s3 = new S3Client(trustingClientConfig(emulator, BOOTSTRAP.region));
      const state = await s3.send(new HeadObjectCommand({ Bucket: stateBucket, Key: stateKey(target) }));
      expect(state.ServerSideEncryption).toMatch(/^(AES256|aws:kms)$/);
      expect(state.VersionId).toBeTruthy();
      expect(existsSync(join(run.dir, 'terraform.tfstate'))).toBe(false);
    });

    it.runIf(target === 'dev')(
      "runs the code against what was applied: the smoke test's upload reaches the function through the applied notification",
      async () => {
        const outputs = run.outputs();
        const region = ENVIRONMENTS.dev.region;
        const s3 = new S3Client(trustingClientConfig(emulator, region));
        const notification = await s3.send(
          new GetBucketNotificationConfigurationCommand({ Bucket: String(outputs.ingest_bucket_name) }),
        );
        // One configuration per upload suffix, each to the applied function.
        const targets = notification.LambdaFunctionConfigurations?.map((c) => c.LambdaFunctionArn) ?? [];
        expect(targets.length).toBeGreaterThan(0);
        // Uploads invoke the alias the release step moves, never the function itself.
        expect(new Set(targets)).toEqual(new Set([outputs.function_alias_arn]));

        // moto cannot run the image; each event S3 sends the function runs its code with
        // the function's applied configuration (support/function-runtime.ts).
        const lambda = new LambdaService(emulator, {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ...emulator.env,
        }).start();
        const smoke = await run.runStepAsync('smoke-test', {
          ingest_bucket: String(outputs.ingest_bucket_name),
          processed_bucket: String(outputs.processed_bucket_name),
          region,
          timeout_seconds: '120',
          poll_milliseconds: '500',
        });
        const invocations = await lambda.stop();

        expect(smoke.status, `${smoke.log}\n${invocations.map((i) => i.log).join('\n')}`).toBe(0);
        expect(invocations).toHaveLength(1);
        const [invocation] = invocations;
        expect(invocation?.functionArn).toBe(outputs.function_alias_arn);
        expect(invocation?.status, invocation?.log).toBe(0);
        expect(invocation?.result).toMatchObject({
          uploads: [{ status: 'ok', key: smoke.outputs.upload_key, reportKey: smoke.outputs.report_key }],
        });
      },
      300_000,
    );

    it.runIf(target === 'dev')(
      'rolls a bad release back by itself: the alias returns to the version it had, and uploads work again',
      async () => {
        // Prepare: a second version whose configuration fails at cold start (an unknown
        // timezone), published as an apply that changed the function would publish it.
        const outputs = run.outputs();
        const region = ENVIRONMENTS.dev.region;
        const functionName = String(outputs.function_name);
        const alias = String(outputs.function_alias_name);
        const lambdaClient = new LambdaClient(trustingClientConfig(emulator, region));
        const s3 = new S3Client(trustingClientConfig(emulator, region));
        const before = await lambdaClient.send(
          new GetAliasCommand({ FunctionName: functionName, Name: alias }),
        );
        const applied = await lambdaClient.send(
          new GetFunctionConfigurationCommand({ FunctionName: functionName }),
        );
        const variables = applied.Environment?.Variables ?? {};
        await lambdaClient.send(
          new UpdateFunctionConfigurationCommand({
            FunctionName: functionName,
            Environment: { Variables: { ...variables, DEFAULT_TIMEZONE: 'Mars/Olympus' } },
          }),
        );
        const bad = await lambdaClient.send(new PublishVersionCommand({ FunctionName: functionName }));
        const smoke = (timeoutMs: number) => async () => {
          const result = await runSmokeTest({
            client: s3,
            ingestBucket: String(outputs.ingest_bucket_name),
            processedBucket: String(outputs.processed_bucket_name),
            body: readFileSync(SAMPLE_EXPORT, 'utf8'),
            timeoutMs,
            pollMs: 500,
          });
          return {
            uploadKey: result.uploadKey,
            reportKey: result.reportKey,
            functionVersion: result.report.functionVersion ?? null,
          };
        };
        const lambda = new LambdaService(emulator, {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ...emulator.env,
        }).start();

        // Act: the release step's own logic with the real Lambda API of the emulator. Only
        // the alarms are a stand-in: moto holds no alarm (emulator-differences.ts).
        let outcome: Awaited<ReturnType<typeof release>>;
        let after: Awaited<ReturnType<ReturnType<typeof smoke>>>;
        try {
          outcome = await release({
            environment: 'dev',
            functionName,
            alias,
            newVersion: String(bad.Version),
            release: { strategy: 'all-at-once', bakeMinutes: 0 },
            lambda: lambdaApi(lambdaClient, functionName, alias),
            alarms: { describe: async () => [{ name: 'dev-errors', state: 'OK', updatedAt: new Date() }] },
            smoke: smoke(20_000),
            clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
          });
          after = await smoke(60_000)();
        } finally {
          await lambda.stop();
          // What the stack applied, so the plans of the tests after this one see no change.
          await lambdaClient.send(
            new UpdateFunctionConfigurationCommand({
              FunctionName: functionName,
              Environment: { Variables: variables },
            }),
          );
        }

        // Assess
        expect(outcome).toMatchObject({
          result: 'rolled-back',
          previousVersion: before.FunctionVersion,
          newVersion: bad.Version,
          failure: expect.stringMatching(/smoke/i),
        });
        const now = await lambdaClient.send(new GetAliasCommand({ FunctionName: functionName, Name: alias }));
        expect(now.FunctionVersion).toBe(before.FunctionVersion);
        // The next upload runs on the version the alias went back to.
        expect(after.functionVersion).toBe(before.FunctionVersion);
      },
      300_000,
    );

    it.runIf(target === 'dev')(
      'holds the state lock: a second run is refused when its lock timeout passes, and waits for the lock otherwise',
      async () => {
        // An apply waiting at its confirmation prompt holds the lock, as a slow apply does.
        const holder = run.spawnTofu(['apply', '-input=true', '-no-color']);
        let held = '';
        holder.stdout.on('data', (chunk) => {
          held += chunk;
        });
        holder.stderr.on('data', (chunk) => {
          held += chunk;
        });
        try {
          await until(
            () => /Enter a value:/.test(held),
            240_000,
            () => held,
          );

          const refused = run.step({ action: 'plan', emulator_gaps: 'true', lock_timeout: '5s' });
          expect(refused.status).not.toBe(0);
          expect(refused.log).toMatch(/Error acquiring the state lock/);
          expect(refused.log).toMatch(new RegExp(`Path:\\s+${stateBucket}/${stateKey(target)}\\s`));
          expect(refused.log).toMatch(/OperationTypeApply/);

          let waiting = false;
          const waited = run.stepAsync(
            { action: 'plan', emulator_gaps: 'true', lock_timeout: '3m' },
            (log) => {
              waiting ||= /Acquiring state lock/.test(log);
            },
          );
          await until(
            () => waiting,
            120_000,
            () => 'the second plan never reached the lock',
          );
          await new Promise((resolve) => setTimeout(resolve, 3_000));
          holder.stdin.end('no\n');
          const done = await waited;
          expect(done.status, done.log).toBe(0);
          expect(held).toMatch(/Apply cancelled/);
        } finally {
          // A failed assertion must not leave the lock held for the tests after this one:
          // answer the prompt so tofu releases it; kill it only if it does not exit.
          if (holder.exitCode === null) {
            const exited = new Promise((resolve) => holder.once('exit', resolve));
            if (!holder.stdin.writableEnded) holder.stdin.end('no\n');
            const timer = setTimeout(() => holder.kill('SIGKILL'), 60_000);
            await exited;
            clearTimeout(timer);
          }
        }
      },
      600_000,
    );

    it(target === 'dev'
      ? "destroys cleanly, with the deploy role's own credentials"
      : 'destroys cleanly', async () => {
      if (target === 'dev') {
        const enforced = await withIamEnforced(emulator, () => destroy(asDeployRole));
        expect(enforced.value.status, enforced.value.log).toBe(0);
        expect(denied(enforced.decisions)).toEqual([]);
      } else {
        const destroyed = destroy(run);
        expect(destroyed.status, destroyed.log).toBe(0);
      }
      expect(run.stateAddresses()).toEqual([]);
    }, 900_000);
  });
}

describe.sequential('the prod stack, applied into the emulator with its state in S3', () => {
  let run: StackRun;
  let result: ReturnType<typeof applyAndReplan>;

  beforeAll(() => {
    run = pipelineRun('prod');
    result = applyAndReplan(run);
  }, 900_000);

  it('applies every planned resource but the ones the emulator cannot hold, and converges', () => {
    expectAppliedAsPlanned(result);
    expect(unexpectedChanges(result.drift)).toEqual([]);
  });

  it("refuses to be destroyed (deletion protection) until the teardown's release step runs", () => {
    const outputs = run.outputs();
    const tables = [
      outputs.sessions_table_name,
      outputs.idempotency_table_name,
      outputs.gold_marks_table_name,
    ].join('\n');

    const refused = destroy(run);
    expect(refused.status).not.toBe(0);
    expect(refused.log).toMatch(/can.t be deleted while DeletionProtectionEnabled is set to True/);

    // As teardown.yml passes it: the tables live in the environment's region.
    const released = run.runStep('release-tables', { tables, region: ENVIRONMENTS.prod.region });
    expect(released.status, released.log).toBe(0);
    expect(released.outputs.backups?.split('\n')).toHaveLength(3);
    const destroyed = destroy(run);
    expect(destroyed.status, destroyed.log).toBe(0);
    expect(run.stateAddresses()).toEqual([]);
  }, 900_000);
});

describe.sequential('the bootstrap stack, destroyed last', () => {
  it('destroys cleanly once its state bucket is emptied of the environments\u2019 state', () => {
    const emptied = bootstrap.runStep('empty-bucket', { buckets: stateBucket, region: BOOTSTRAP.region });
    expect(emptied.status, emptied.log).toBe(0);
    // Each environment wrote state and lock file versions; they are gone now.
    expect(Number(emptied.outputs.versions_deleted)).toBeGreaterThanOrEqual(3);
    const destroyed = destroy(bootstrap);
    expect(destroyed.status, destroyed.log).toBe(0);
    expect(bootstrap.stateAddresses()).toEqual([]);
  }, 900_000);
});

async function until(condition: () => boolean, timeoutMs: number, describe: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

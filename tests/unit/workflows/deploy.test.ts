import { describe, expect, it } from 'vitest';
import { ancestors, expr, loadWorkflow, needsOf, rawWorkflow, runsScript, stepIndex } from './support.js';

const deploy = loadWorkflow('deploy.yml');
const environment = loadWorkflow('deploy-environment.yml');
const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

describe('deploy.yml: one image promoted dev -> staging -> prod', () => {
  it('runs on pushes to main and by hand with the SHA to redeploy', () => {
    expect(deploy.on.push).toEqual({ branches: ['main'] });
    expect(deploy.on.workflow_dispatch).toMatchObject({
      inputs: { sha: { type: 'string', required: false } },
    });
  });

  it('decides the commit in a tested step that refuses other branches and malformed SHAs', () => {
    const image = deploy.jobs.image ?? {};
    const commit = stepIndex(image, runsScript('scripts/steps/deploy-request/main.ts'));
    const credentials = stepIndex(
      image,
      (s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@') ?? false,
    );
    expect(commit).toBeGreaterThan(-1);
    expect(commit).toBeLessThan(credentials);
    expect(image.steps?.[commit]?.id).toBe('commit');
    expect(image.steps?.[commit]?.env).toEqual({
      INPUT_REF: expr('github.ref'),
      INPUT_COMMIT: expr('github.sha'),
      INPUT_REQUESTED_SHA: expr('inputs.sha'),
      INPUT_ROLLBACK: expr('inputs.rollback'),
    });
  });

  it('offers an explicit rollback on a dispatch, off by default, checked by the same step', () => {
    expect(deploy.on.workflow_dispatch).toMatchObject({
      inputs: { rollback: { type: 'boolean', required: false, default: false } },
    });
    expect(deploy.jobs.image?.outputs?.rollback).toBe(expr('steps.commit.outputs.rollback'));
  });

  it('runs CI before the image is built', () => {
    expect(deploy.jobs.test?.uses).toBe('./.github/workflows/ci.yml');
    expect(needsOf(deploy.jobs.image ?? {})).toEqual(['test']);
  });

  it('promotes in the order dev, staging, prod, each after the one before', () => {
    expect(ancestors(deploy, 'dev')).toEqual(new Set(['image', 'test']));
    expect(needsOf(deploy.jobs.staging ?? {})).toContain('dev');
    expect(needsOf(deploy.jobs.prod ?? {})).toContain('staging');
    expect(ancestors(deploy, 'prod')).toEqual(new Set(['image', 'test', 'dev', 'staging']));
  });

  it.each(ENVIRONMENTS)(
    'deploys %s through the reusable workflow with the digest from the image job',
    (env) => {
      const job = deploy.jobs[env];
      expect(job?.uses).toBe('./.github/workflows/deploy-environment.yml');
      expect(job?.with).toEqual({
        environment: env,
        image_uri: expr('needs.image.outputs.image_uri'),
        sha: expr('needs.image.outputs.sha'),
        rollback: expr("needs.image.outputs.rollback == 'true'"),
      });
      // No LocalStack token any more: the emulator stage runs moto only.
      expect(job?.secrets).toBeUndefined();
      // A called workflow's jobs get at most the caller's permissions: the deploy job reads
      // its environment's protection rules (actions: read) and assumes a role by OIDC.
      expect(job?.permissions).toEqual({
        actions: 'read',
        attestations: 'read',
        contents: 'read',
        'id-token': 'write',
      });
    },
  );

  const imageSteps = deploy.jobs.image?.steps ?? [];
  const imageStep = (id: string) => imageSteps.findIndex((s) => s.id === id);
  const uploadSarif = () =>
    imageSteps.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));

  it('builds the image in one job only: once to scan, then again from the cache to push', () => {
    const builders = Object.entries(deploy.jobs).filter(([, job]) =>
      (job.steps ?? []).some((s) => s.uses?.startsWith('docker/build-push-action@')),
    );
    expect(builders.map(([name]) => name)).toEqual(['image']);
    expect(
      imageSteps.filter((s) => s.uses?.startsWith('docker/build-push-action@')).map((s) => s.id),
    ).toEqual(['build', 'push']);
    expect(imageSteps[imageStep('build')]?.with).toMatchObject({ load: true, push: false });
    expect(imageSteps.some((s) => s.run?.includes('docker push'))).toBe(false);
    expect(environment.jobs['emulator-tests']?.steps?.some((s) => s.uses?.startsWith('docker/'))).toBe(false);
    expect(environment.jobs.deploy?.steps?.some((s) => s.uses?.startsWith('docker/'))).toBe(false);
  });

  it.each(['build', 'push'])(
    'the %s step builds a single linux/amd64 manifest without provenance or SBOM, as Lambda requires',
    (id) => {
      const step = imageSteps[imageStep(id)];
      expect(step?.with).toMatchObject({
        context: '.',
        platforms: 'linux/amd64',
        provenance: false,
        sbom: false,
        file: 'lambda/Dockerfile',
      });
      expect(String(step?.with?.tags)).toMatch(/:\$\{\{ steps\.commit\.outputs\.sha \}\}$/);
      // Same timestamps in both builds, so both write the same image config (image ID).
      expect(step?.env).toEqual({ SOURCE_DATE_EPOCH: expr('steps.epoch.outputs.seconds') });
    },
  );

  it('pushes from buildx as one Docker v2 image manifest, never through docker push', () => {
    const push = imageSteps[imageStep('push')];
    const outputs = String(push?.with?.outputs).split(',');
    expect(outputs).toEqual(expect.arrayContaining(['type=image', 'push=true', 'oci-mediatypes=false']));
    expect(push?.with?.load).toBeUndefined();
    expect(push?.with?.push).toBeUndefined();
  });

  it.each([
    ['scan', { 'image-ref': expect.stringContaining(expr('steps.commit.outputs.sha')) }],
    ['lockfile-scan', { 'scan-type': 'fs', 'scan-ref': 'package-lock.json', scanners: 'vuln' }],
  ])('gates the push on the %s step: fixable HIGH and CRITICAL findings fail the run', (id, target) => {
    const scan = imageStep(id);
    expect(scan).toBeGreaterThan(imageStep('build'));
    expect(scan).toBeLessThan(imageStep('push'));
    expect(imageSteps[scan]?.uses).toMatch(/^aquasecurity\/trivy-action@/);
    expect(imageSteps[scan]?.with).toMatchObject({
      ...target,
      severity: 'HIGH,CRITICAL',
      'ignore-unfixed': true,
      'exit-code': '1',
      format: 'table',
      cache: 'false',
    });
    expect(imageSteps[scan]?.['continue-on-error']).toBeUndefined();
    expect(imageSteps[imageStep('push')]?.if).toContain(`steps.${id}.outcome == 'success'`);
  });

  it('uploads SARIF to code scanning best-effort: it never decides whether the image ships', () => {
    const sarif = imageSteps[imageStep('sarif')];
    const upload = uploadSarif();
    expect(sarif?.with).toMatchObject({ format: 'sarif', 'exit-code': '0', output: 'trivy-results.sarif' });
    expect(imageSteps[upload]?.with?.sarif_file).toBe('trivy-results.sarif');
    expect(imageStep('sarif')).toBeLessThan(upload);
    for (const step of [sarif, imageSteps[upload]]) {
      expect(step?.['continue-on-error']).toBe(true);
      expect(step?.if).toMatch(/!cancelled\(\)/);
    }
    // The push reads only the gates; upload-sarif needs actions: read besides security-events.
    expect(imageSteps[imageStep('push')]?.if).toBe(
      expr("steps.scan.outcome == 'success' && steps.lockfile-scan.outcome == 'success'"),
    );
    expect(deploy.jobs.image?.permissions).toMatchObject({
      actions: 'read',
      'security-events': 'write',
    });
  });

  it('hands on the digest that resolve-image read back from the registry, checked against the scan', () => {
    const image = deploy.jobs.image;
    expect(image?.outputs?.image_uri).toBe(expr('steps.image.outputs.image_uri'));
    const resolve = image?.steps?.[imageStep('image')];
    expect(imageStep('image')).toBeGreaterThan(imageStep('push'));
    expect(resolve?.run).toContain('scripts/steps/resolve-image/main.ts');
    expect(resolve?.env).toMatchObject({
      INPUT_PUSHED_DIGEST: expr('steps.push.outputs.digest'),
      INPUT_SCANNED_IMAGE_ID: expr('steps.build.outputs.imageid'),
      INPUT_PUSHED_IMAGE_ID: expr('steps.push.outputs.imageid'),
    });
  });

  it("attests the pushed digest's build provenance after the push, stored beside the image", () => {
    const attest = imageSteps.findIndex((s) => s.uses?.startsWith('actions/attest-build-provenance@'));
    expect(attest).toBeGreaterThan(imageStep('push'));
    expect(attest).toBeGreaterThan(imageStep('image'));
    const step = imageSteps[attest];
    expect(step?.uses).toMatch(/^actions\/attest-build-provenance@[0-9a-f]{40}$/);
    expect(step?.if).toBe(expr("steps.push.outcome == 'success'"));
    expect(step?.with).toEqual({
      'subject-name': `${expr('steps.ecr.outputs.registry')}/${expr('steps.names.outputs.ecr_repository')}`,
      'subject-digest': expr('steps.image.outputs.digest'),
      'push-to-registry': true,
      'create-storage-record': false,
    });
    expect(deploy.jobs.image?.permissions).toMatchObject({ attestations: 'write', 'id-token': 'write' });
    // The attestation is a separate referrer: the image stays one plain manifest for Lambda.
    expect(imageSteps[imageStep('push')]?.with).toMatchObject({ provenance: false, sbom: false });
  });

  it('builds one commit at a time, never holding a newer push behind an older run', () => {
    // Keyed by commit: a re-run of the same commit waits and finds its image in ECR.
    expect(deploy.jobs.image?.concurrency).toEqual({
      group: `image-${expr('inputs.sha || github.sha')}`,
      'cancel-in-progress': false,
    });
    expect(rawWorkflow('deploy.yml')).not.toMatch(/^concurrency:/m);
  });

  it('runs the image job on Node 24, without a dependency cache in the job that publishes', () => {
    const setup = imageSteps.filter((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setup.map((s) => s.with?.['node-version'])).toEqual([24]);
    expect(setup[0]?.with?.['package-manager-cache']).toBe(false);
  });
});

describe('deploy-environment.yml: emulator tests, then the real deploy', () => {
  const emulator = environment.jobs['emulator-tests'];
  const real = environment.jobs.deploy;

  it('is only callable from other workflows', () => {
    expect(Object.keys(environment.on)).toEqual(['workflow_call']);
  });

  it('deploys only after the emulator tests passed, the image was marked deploying-<env> and the plan was shown', () => {
    expect(needsOf(real ?? {})).toEqual(['emulator-tests', 'protect-image', 'plan']);
  });

  describe('the plan a reviewer approves', () => {
    const plan = environment.jobs.plan ?? {};
    const planStep = plan.steps?.find((s) => s.id === 'plan');

    it('is made before the approval, read-only, with the plan role and no GitHub Environment', () => {
      expect(plan.environment).toBeUndefined();
      expect(plan.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      const credentials = plan.steps?.find((s) =>
        s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
      );
      expect(credentials?.with?.['role-to-assume']).toBe(expr('steps.names.outputs.plan_role_arn'));
      expect(plan.steps?.find((s) => s.id === 'names')?.env).toMatchObject({
        INPUT_REQUIRE_PLAN_ROLE: 'true',
      });
      expect(planStep?.env).toMatchObject({ INPUT_ACTION: 'plan', INPUT_LOCK: 'false' });
      expect(plan.steps?.some((s) => s.env?.INPUT_ACTION === 'apply')).toBe(false);
    });

    it('synthesizes exactly what the deploy job synthesizes, with the same Terraform', () => {
      const synth = (job: typeof plan) => job.steps?.find((s) => s.run === 'npx cdktf synth')?.env;
      const { CHECKPOINT_DISABLE: _a, ...planInputs } = synth(plan) ?? {};
      const { CHECKPOINT_DISABLE: _b, ...deployInputs } = synth(real ?? {}) ?? {};
      expect(planInputs).toEqual(deployInputs);
      const terraform = (job: typeof plan) =>
        job.steps?.find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))?.with?.terraform_version;
      expect(terraform(plan)).toBe(terraform(real ?? {}));
    });

    it('hands its digest to the deploy job, which refuses any other plan, and keeps it as an artifact', () => {
      expect(plan.outputs?.plan_digest).toBe(expr('steps.plan.outputs.plan_digest'));
      const deployPlan = real?.steps?.find((s) => s.id === 'plan');
      expect(deployPlan?.env?.INPUT_APPROVED_DIGEST).toBe(expr('needs.plan.outputs.plan_digest'));
      const upload = plan.steps?.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
      expect(upload?.uses).toMatch(/@[0-9a-f]{40}$/);
      expect(upload?.with?.name).toBe(`plan-${expr('inputs.environment')}`);
    });
  });

  it.each([
    ['protect-image', 'deploying', { INPUT_IMAGE_URI: expr('inputs.image_uri') }],
    ['mark-deployed', 'deployed', {}],
  ] as const)(
    '%s tags the image %s-<env> with the image push role, not the deploy role',
    (name, marker, extra) => {
      const job = environment.jobs[name] ?? {};
      expect(job.environment).toBeUndefined();
      expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      const credentials = job.steps?.find((s) =>
        s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
      );
      expect(credentials?.with?.['role-to-assume']).toBe(expr('vars.AWS_IMAGE_PUSH_ROLE_ARN'));
      const mark = job.steps?.find(runsScript('scripts/steps/mark-image/main.ts'));
      expect(mark?.env).toEqual({
        INPUT_ENVIRONMENT: expr('inputs.environment'),
        INPUT_MARKER: marker,
        ...extra,
      });
    },
  );

  it('marks what runs after every deploy outcome (success, failure, refusal)', () => {
    const job = environment.jobs['mark-deployed'] ?? {};
    expect(needsOf(job)).toEqual(['deploy']);
    expect(job.if).toBe(expr('always()'));
  });

  it("applies the environment's own stack into moto with OpenTofu, as the apply tests do, before the integration tests", () => {
    const job = emulator ?? {};
    const start = stepIndex(job, runsScript('scripts/steps/emulator/main.ts'));
    const synth = stepIndex(job, runsScript('cdktf synth'));
    const plan = stepIndex(job, (s) => s.env?.INPUT_ACTION === 'plan');
    const apply = stepIndex(job, (s) => s.env?.INPUT_ACTION === 'apply');
    const outputs = stepIndex(job, runsScript('scripts/steps/deploy-outputs/main.ts'));
    const tests = stepIndex(job, runsScript('vitest run --project integration'));
    expect([start, synth, plan, apply, outputs, tests].every((i) => i > -1)).toBe(true);
    expect(start).toBeLessThan(synth);
    expect(synth).toBeLessThan(plan);
    expect(plan).toBeLessThan(apply);
    expect(apply).toBeLessThan(outputs);
    expect(outputs).toBeLessThan(tests);

    // The environment's shape (its config), the built image, pointed at the emulator.
    expect(job.steps?.[synth]?.env).toMatchObject({
      PIPELINE_ENV: expr('inputs.environment'),
      LAMBDA_IMAGE_URI: expr('inputs.image_uri'),
      APPLY_INTO_EMULATOR: expr('steps.emulator.outputs.endpoint'),
      SYNTH_ALLOW_PLACEHOLDERS: 'false',
    });
    // Through the terraform step, as a deploy runs it, with tofu and the emulator gaps left out.
    for (const [index, action] of [
      [plan, 'plan'],
      [apply, 'apply'],
    ] as const) {
      const step = job.steps?.[index];
      expect(step?.run).toBe('npx tsx scripts/steps/terraform/main.ts');
      expect(step?.env).toMatchObject({
        INPUT_ACTION: action,
        INPUT_STACK: expr('steps.names.outputs.stack'),
        INPUT_BINARY: 'tofu',
        AWS_ENDPOINT_URL: expr('steps.emulator.outputs.endpoint'),
        AWS_ACCESS_KEY_ID: 'testing',
      });
    }
    expect(job.steps?.[plan]?.env?.INPUT_EMULATOR_GAPS).toBe('true');
    expect(job.steps?.[apply]?.env?.INPUT_OUTPUTS_FILE).toBe(job.steps?.[outputs]?.env?.INPUT_OUTPUTS_FILE);
    const names = job.steps?.find((s) => s.id === 'names');
    expect(names?.env).toEqual({ INPUT_ENVIRONMENT: expr('inputs.environment') });
  });

  it('installs OpenTofu 1.12.6 from setup-opentofu pinned by commit, without its wrapper', () => {
    const setup = (emulator?.steps ?? []).filter((s) => s.uses?.startsWith('opentofu/setup-opentofu@'));
    expect(setup).toHaveLength(1);
    expect(setup[0]?.uses).toMatch(/^opentofu\/setup-opentofu@[0-9a-f]{40}$/);
    expect(setup[0]?.with).toEqual({ tofu_version: '1.12.6', tofu_wrapper: false });
    const setupIndex = stepIndex(
      emulator ?? {},
      (s) => s.uses?.startsWith('opentofu/setup-opentofu@') ?? false,
    );
    expect(setupIndex).toBeLessThan(stepIndex(emulator ?? {}, (s) => s.env?.INPUT_ACTION === 'plan'));
    // tofu_version is YAML: 1.12.6 stays a string, but a version like 1.10 would not.
    expect(rawWorkflow('deploy-environment.yml')).toMatch(/^\s+tofu_version: 1\.12\.6$/m);
  });

  it('deploys into the emulator with neither cdktf deploy nor Terraform, and never LocalStack', () => {
    const job = emulator ?? {};
    expect(stepIndex(job, runsScript('cdktf deploy'))).toBe(-1);
    expect(job.steps?.some((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))).toBe(false);
    expect(rawWorkflow('deploy-environment.yml')).not.toMatch(/localstack/i);
    expect(rawWorkflow('deploy.yml')).not.toMatch(/localstack/i);
    expect(environment.on.workflow_call).not.toHaveProperty('secrets');
    const stop = job.steps?.find((s) => s.name === 'Stop the emulator');
    expect(stop?.if).toBe(expr('always()'));
    expect(stop?.env).toEqual({ INPUT_ACTION: 'stop', INPUT_PID: expr('steps.emulator.outputs.pid') });
  });

  it('installs only what the emulator stage runs: moto, no linters and so no Go', () => {
    const job = emulator ?? {};
    const install = job.steps?.find((s) => s.name === 'Install');
    expect(install?.run).toContain('bash scripts/venv.sh --emulator');
    expect(job.steps?.some((s) => s.uses?.startsWith('actions/setup-go@'))).toBe(false);
    expect(job.steps?.some((s) => s.uses?.startsWith('actions/setup-python@'))).toBe(true);
  });

  it('refuses an environment that requires reviewers but has none, before any credential', () => {
    const job = real ?? {};
    const check = stepIndex(job, runsScript('scripts/steps/environment-protection/main.ts'));
    const credentials = stepIndex(
      job,
      (s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@') ?? false,
    );
    expect(check).toBeGreaterThan(-1);
    expect(check).toBeLessThan(credentials);
    expect(job.steps?.[check]?.env).toEqual({
      INPUT_ENVIRONMENT: expr('inputs.environment'),
      INPUT_REPOSITORY: expr('github.repository'),
      INPUT_TOKEN: expr('github.token'),
      INPUT_API_URL: expr('github.api_url'),
    });
    expect(job.steps?.[check]?.if).toBeUndefined();
    // The environments API needs actions: read, verify-image attestations: read; nothing is written.
    expect(job.permissions).toEqual({
      actions: 'read',
      attestations: 'read',
      contents: 'read',
      'id-token': 'write',
    });
  });

  it('runs every job on Node 24', () => {
    for (const [name, job] of Object.entries(environment.jobs)) {
      const setup = job.steps?.filter((s) => s.uses?.startsWith('actions/setup-node@')) ?? [];
      expect(
        setup.map((s) => s.with?.['node-version']),
        name,
      ).toEqual([24]);
    }
  });

  it('gives the emulator job no cloud credentials', () => {
    expect(emulator?.permissions).toEqual({ contents: 'read' });
    expect(emulator?.environment).toBeUndefined();
  });

  it('runs the real deploy in the GitHub Environment of its name (prod: required reviewers), linked to the function', () => {
    expect(real?.environment).toEqual({
      name: expr('inputs.environment'),
      url: expr('steps.names.outputs.console_url'),
    });
    // The URL comes from the environment step, which every deploy job runs.
    expect(real?.steps?.find((s) => s.id === 'names')?.run).toBe('npx tsx scripts/steps/environment/main.ts');
  });

  it("verifies the image's provenance for the exact digest after the credentials and before synth and plan", () => {
    const job = real ?? {};
    const verify = stepIndex(job, runsScript('scripts/steps/verify-image/main.ts'));
    const credentials = stepIndex(
      job,
      (s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@') ?? false,
    );
    expect(verify).toBeGreaterThan(credentials);
    expect(verify).toBeLessThan(stepIndex(job, runsScript('cdktf synth')));
    expect(verify).toBeLessThan(stepIndex(job, (s) => s.id === 'plan'));
    const step = job.steps?.[verify];
    expect(step?.id).toBe('verify');
    expect(step?.env).toEqual({
      GH_TOKEN: expr('github.token'),
      INPUT_IMAGE_URI: expr('inputs.image_uri'),
      INPUT_REPOSITORY: expr('github.repository'),
      INPUT_REGION: expr('steps.names.outputs.ecr_region'),
    });
    // A failed verification stops the job: nothing lets it continue.
    expect(step?.if).toBeUndefined();
    expect(step?.['continue-on-error']).toBeUndefined();
  });

  it('summarizes every deploy, whatever its outcome, timed from its first step', () => {
    const job = real ?? {};
    expect(job.steps?.[0]?.id).toBe('started');
    const summary = job.steps?.at(-1);
    expect(summary?.run).toBe('npx tsx scripts/steps/deploy-summary/main.ts');
    expect(summary?.if).toBe(expr('always()'));
    expect(summary?.env).toMatchObject({
      INPUT_IMAGE_URI: expr('inputs.image_uri'),
      INPUT_SHA: expr('inputs.sha'),
      INPUT_STARTED_AT: expr('steps.started.outputs.at'),
      INPUT_VERIFY_OUTCOME: expr('steps.verify.outcome'),
      INPUT_PLAN_HEADLINE: expr('steps.plan.outputs.headline'),
      INPUT_APPLY_OUTCOME: expr('steps.apply.outcome'),
      INPUT_RELEASE_OUTCOME: expr('steps.release.outcome'),
      INPUT_RELEASE_RESULT: expr('steps.release.outputs.result'),
    });
    // Every step id it reads exists in the job.
    const ids = new Set(job.steps?.map((s) => s.id));
    for (const value of Object.values(summary?.env ?? {})) {
      const id = /steps\.([\w-]+)\./.exec(String(value))?.[1];
      if (id !== undefined) expect(ids.has(id), id).toBe(true);
    }
  });

  it('never runs two deploys of one environment at once and never cancels one halfway', () => {
    expect(real?.concurrency).toEqual({
      group: `deploy-${expr('inputs.environment')}`,
      'cancel-in-progress': false,
    });
  });

  it('synthesizes the same image by digest, plans into a saved file, applies that plan, then releases it', () => {
    const job = real ?? {};
    const synth = stepIndex(job, runsScript('cdktf synth'));
    const plan = stepIndex(job, (s) => s.id === 'plan');
    const apply = stepIndex(job, (s) => s.name === 'Apply the saved plan');
    const outputs = stepIndex(job, runsScript('scripts/steps/deploy-outputs/main.ts'));
    // The release step smoke-tests the new version through the alias (scripts/steps/release).
    const smoke = stepIndex(job, runsScript('scripts/steps/release/main.ts'));
    expect(real?.steps?.[synth]?.env).toMatchObject({ LAMBDA_IMAGE_URI: expr('inputs.image_uri') });
    expect([synth, plan, apply, outputs, smoke].every((i) => i > -1)).toBe(true);
    expect(synth).toBeLessThan(plan);
    expect(plan).toBeLessThan(apply);
    expect(apply).toBeLessThan(outputs);
    expect(outputs).toBeLessThan(smoke);
    for (const [index, action] of [
      [plan, 'plan'],
      [apply, 'apply'],
    ] as const) {
      const step = real?.steps?.[index];
      expect(step?.run).toBe('npx tsx scripts/steps/terraform/main.ts');
      expect(step?.env).toMatchObject({
        INPUT_ACTION: action,
        INPUT_STACK: expr('steps.names.outputs.stack'),
      });
      expect(step?.env?.INPUT_DESTROY).toBeUndefined();
    }
    expect(real?.steps?.[apply]?.env?.INPUT_OUTPUTS_FILE).toBe(
      real?.steps?.[outputs]?.env?.INPUT_OUTPUTS_FILE,
    );
  });

  it('refuses a commit older than the deployed one before synth, plan and apply, with the full history checked out', () => {
    const job = real ?? {};
    const order = stepIndex(job, runsScript('scripts/steps/deploy-order/main.ts'));
    const credentials = stepIndex(
      job,
      (s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@') ?? false,
    );
    expect(order).toBeGreaterThan(credentials);
    expect(order).toBeLessThan(stepIndex(job, runsScript('cdktf synth')));
    expect(order).toBeLessThan(stepIndex(job, (s) => s.id === 'plan'));
    expect(order).toBeLessThan(stepIndex(job, (s) => s.name === 'Apply the saved plan'));
    expect(job.steps?.[order]?.env).toEqual({
      INPUT_ENVIRONMENT: expr('inputs.environment'),
      INPUT_SHA: expr('inputs.sha'),
      INPUT_ROLLBACK: expr('inputs.rollback'),
    });
    const checkout = job.steps?.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with).toMatchObject({ ref: expr('inputs.sha'), 'fetch-depth': 0 });
    expect(environment.on.workflow_call).toMatchObject({
      inputs: { rollback: { type: 'boolean', required: false, default: false } },
    });
  });

  it('records the deployed commit on the function: the synth gets DEPLOY_COMMIT = the commit deployed', () => {
    const synth = real?.steps?.[stepIndex(real ?? {}, runsScript('cdktf synth'))];
    expect(synth?.env?.DEPLOY_COMMIT).toBe(expr('inputs.sha'));
  });

  it('never applies without a saved plan: no cdktf deploy in the real deploy job', () => {
    expect(stepIndex(real ?? {}, runsScript('cdktf deploy'))).toBe(-1);
    expect(stepIndex(real ?? {}, runsScript('terraform apply'))).toBe(-1);
  });

  it('assumes the environment deploy role by OIDC before planning', () => {
    const credentials = stepIndex(
      real ?? {},
      (s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@') ?? false,
    );
    expect(credentials).toBeGreaterThan(-1);
    expect(credentials).toBeLessThan(stepIndex(real ?? {}, (s) => s.id === 'plan'));
    expect(real?.steps?.[credentials]?.with?.['role-to-assume']).toBe(
      expr('steps.names.outputs.deploy_role_arn'),
    );
  });

  it('checks out the commit the image was built from in both jobs', () => {
    for (const job of [emulator, real]) {
      const checkout = job?.steps?.find((s) => s.uses?.startsWith('actions/checkout@'));
      expect(checkout?.with?.ref).toBe(expr('inputs.sha'));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../../stacks/config/environments.js';
import { readSynthInputs } from '../../../stacks/config/inputs.js';
import { DEPLOY_ENVIRONMENTS } from '../../../stacks/config/types.js';
import { expr, loadWorkflow, rawWorkflow, type Step, workflowFiles } from './support.js';

interface Located {
  readonly file: string;
  readonly job: string;
  readonly step: Step;
}

const steps: Located[] = workflowFiles().flatMap((file) =>
  Object.entries(loadWorkflow(file).jobs).flatMap(([job, j]) =>
    (j.steps ?? []).map((step) => ({ file, job, step })),
  ),
);
const where = ({ file, job, step }: Located) => `${file}:${job}:${step.name ?? step.run}`;

/** Steps that run cdktf, directly or through the CI script (which synthesizes for checkov). */
const CDKTF = /\bcdktf\b|\.ci\/run\b|check:security|npm run (-s )?synth\b/;
const cdktfSteps = steps.filter((s) => CDKTF.test(s.step.run ?? ''));
/** Steps whose synth is deployed: into the emulator (cdktf deploy), and the real environment's synth. */
const deploySteps = steps.filter(
  (s) => s.file === 'deploy-environment.yml' && /\bcdktf (deploy|synth)\b/.test(s.step.run ?? ''),
);

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const imageIn = (region: string) => `123456789012.dkr.ecr.${region}.amazonaws.com/workout-pipeline-processor`;

/** The step's env as the runner would pass it, with each `${{ }}` expression replaced from `values`. */
function resolvedEnv(step: Step, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(step.env ?? {}).map(([name, value]) => [
      name,
      String(value).replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
        const resolved = values[expression];
        if (resolved === undefined) throw new Error(`no value for ${expression} in ${name}`);
        return resolved;
      }),
    ]),
  );
}

const expressionValues = (environment: string, imageUri: string): Record<string, string> => ({
  'inputs.environment': environment,
  'inputs.image_uri': imageUri,
  'inputs.sha': COMMIT,
  'github.repository': 'acme/workouts',
  'steps.names.outputs.stack': `workout-pipeline-${environment}`,
  'steps.emulator.outputs.endpoint': 'http://127.0.0.1:4566',
  'steps.emulator.outputs.region': 'us-east-1',
  'vars.TF_STATE_BUCKET': 'acme-tfstate',
});

describe('workflow synth inputs: a deploy never synthesizes placeholders', () => {
  it('finds the deploy steps: into the emulator, the plan shown before approval, then the real environment', () => {
    expect(deploySteps.map(({ file, job }) => `${file}:${job}`)).toEqual([
      'deploy-environment.yml:emulator-tests',
      'deploy-environment.yml:plan',
      'deploy-environment.yml:deploy',
    ]);
  });

  it.each(deploySteps.map((s) => [where(s), s] as const))(
    '%s passes the image by digest and the repository, and forbids placeholders',
    (_, { step }) => {
      expect(step.env).toMatchObject({
        PIPELINE_ENV: expect.any(String),
        LAMBDA_IMAGE_URI: expr('inputs.image_uri'),
        DEPLOY_COMMIT: expr('inputs.sha'),
        GITHUB_REPOSITORY: expr('github.repository'),
        SYNTH_ALLOW_PLACEHOLDERS: 'false',
      });
    },
  );

  it.each(DEPLOY_ENVIRONMENTS)('the %s deploy step synthesizes the digest it was given', (environment) => {
    // Prepare
    const step = deploySteps.find((s) => s.job === 'deploy')?.step ?? {};
    const image = `${imageIn(ENVIRONMENTS[environment].region)}@${DIGEST}`;

    // Act
    const inputs = readSynthInputs(resolvedEnv(step, expressionValues(environment, image)));

    // Assess
    expect(inputs).toMatchObject({
      targets: [environment],
      bootstrap: false,
      imageUri: image,
      commit: COMMIT,
      allowPlaceholders: false,
      githubRepository: 'acme/workouts',
      stateBucket: 'acme-tfstate',
    });
  });

  it.each(DEPLOY_ENVIRONMENTS)(
    'the emulator stage synthesizes %s in its own shape, with the same digest, pointed at the emulator',
    (environment) => {
      // Prepare
      const step = deploySteps.find((s) => s.job === 'emulator-tests')?.step ?? {};
      const image = `${imageIn(ENVIRONMENTS[environment].region)}@${DIGEST}`;

      // Act
      const inputs = readSynthInputs(resolvedEnv(step, expressionValues(environment, image)));

      // Assess: what the apply tests apply (tests/apply/support/stack-run.ts), but with the
      // real image and commit instead of placeholders.
      expect(inputs).toMatchObject({
        targets: [environment],
        bootstrap: false,
        imageUri: image,
        commit: COMMIT,
        allowPlaceholders: false,
        placeholders: [],
        applyIntoEmulator: 'http://127.0.0.1:4566',
      });
    },
  );

  it.each(deploySteps.map((s) => [where(s), s] as const))(
    '%s fails the synth when the image is missing or only tagged, instead of using a placeholder',
    (_, { step }) => {
      const region = ENVIRONMENTS.dev.region;
      for (const image of ['', `${imageIn(region)}:0123456789abcdef`]) {
        expect(() => readSynthInputs(resolvedEnv(step, expressionValues('dev', image))), image).toThrow(
          expect.objectContaining({ code: 'INVALID_SYNTH_INPUT' }),
        );
      }
    },
  );

  it('refuses placeholders in a runner step that does not set SYNTH_ALLOW_PLACEHOLDERS', () => {
    // Unset, placeholders are allowed only off CI; every GitHub runner sets GITHUB_ACTIONS=true
    // and CI=true, so below an unset variable counts as 'false'.
    for (const env of ['dev', 'bootstrap']) {
      expect(() => readSynthInputs({ PIPELINE_ENV: env, GITHUB_ACTIONS: 'true', CI: 'true' }), env).toThrow(
        expect.objectContaining({ code: 'INVALID_SYNTH_INPUT' }),
      );
    }
  });

  it('allows placeholders only in the synth teardown destroys from, with the reason beside it', () => {
    const allowing = steps.filter(({ step }) => (step.env?.SYNTH_ALLOW_PLACEHOLDERS ?? 'false') !== 'false');
    expect(allowing.map(where)).toEqual([
      'teardown.yml:teardown:Synthesize the stack (its resource names; no image is deployed)',
    ]);
    for (const { step } of allowing) {
      expect(step.run).toBe('npx cdktf synth');
      expect(step.env?.PIPELINE_ENV).toBe(expr('needs.guard.outputs.environment'));
    }
    // ... and that workflow never applies anything but a destroy plan.
    const applies = steps.filter(
      ({ file, step }) => file === 'teardown.yml' && step.env?.INPUT_ACTION === 'apply',
    );
    expect(applies).toHaveLength(1);
    expect(
      steps.some(({ file, step }) => file === 'teardown.yml' && /\bcdktf deploy\b/.test(step.run ?? '')),
    ).toBe(false);
    const reasons = rawWorkflow('teardown.yml')
      .split('\n')
      .filter((line) => line.includes('SYNTH_ALLOW_PLACEHOLDERS'));
    expect(reasons).toHaveLength(1);
    for (const line of reasons)
      expect(line).toMatch(/SYNTH_ALLOW_PLACEHOLDERS: 'true' # teardown deploys no image/);
  });

  it('sets no synth input for a whole workflow or job, where it would reach a deploy unseen', () => {
    for (const file of workflowFiles()) {
      const workflow = loadWorkflow(file);
      expect(Object.keys(workflow.env ?? {}), file).not.toContain('SYNTH_ALLOW_PLACEHOLDERS');
      for (const [name, job] of Object.entries(workflow.jobs)) {
        expect(Object.keys(job.env ?? {}), `${file}:${name}`).not.toContain('SYNTH_ALLOW_PLACEHOLDERS');
      }
    }
  });

  it('disables the cdktf/terraform telemetry check in every step that runs cdktf', () => {
    expect(cdktfSteps.length).toBeGreaterThanOrEqual(4);
    for (const located of cdktfSteps) expect(located.step.env?.CHECKPOINT_DISABLE, where(located)).toBe('1');
  });
});

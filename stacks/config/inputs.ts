import { z } from 'zod';
import { BOOTSTRAP, ENVIRONMENTS } from './environments.js';
import { ConfigError, issuesToProblems } from './errors.js';
import {
  bootstrapNames,
  classicSubjectPrefix,
  GITHUB_REPOSITORY_PATTERN,
  parseGithubSubjectPrefix,
} from './naming.js';
import type { DeployEnvironment, Target } from './types.js';
import { DEPLOY_ENVIRONMENTS, TARGETS } from './types.js';

/**
 * Synth inputs: the only values that come from outside the repository. Read from the
 * environment (so one workflow step can `PIPELINE_ENV=prod LAMBDA_IMAGE_URI=... cdktf synth`),
 * validated once, failing with the variable's name.
 */
export interface SynthInputs {
  /** Pipeline targets to synthesize (PIPELINE_ENV; unset or `all` = every target). */
  readonly targets: readonly Target[];
  /** Whether the bootstrap stack is synthesized (PIPELINE_ENV unset, `all` or `bootstrap`). */
  readonly bootstrap: boolean;
  /** LAMBDA_IMAGE_URI, or undefined when placeholders are allowed and none was given. */
  readonly imageUri: string | undefined;
  /**
   * DEPLOY_COMMIT: the full SHA of the commit being deployed, recorded on the function (tag
   * `commit`). Required for dev, staging and prod unless placeholders are allowed.
   */
  readonly commit: string | undefined;
  /**
   * Whether missing inputs become visibly fake, undeployable values. SYNTH_ALLOW_PLACEHOLDERS
   * `true` / `false` decides; unset, placeholders are allowed for a local synth (so
   * `npm run synth` works on a fresh clone) and refused under CI (`CI` or `GITHUB_ACTIONS`
   * set, as on every GitHub runner), so a workflow step that synthesizes gets them only by
   * saying `true`. Every deploy step says `false`.
   */
  readonly allowPlaceholders: boolean;
  /**
   * The synth inputs that were missing and got a placeholder (LAMBDA_IMAGE_URI,
   * DEPLOY_COMMIT, GITHUB_OIDC_SUBJECT_PREFIX); empty for a deployable synth.
   */
  readonly placeholders: readonly string[];
  /** GITHUB_REPOSITORY (OWNER/REPO), else the names in GITHUB_OIDC_SUBJECT_PREFIX. */
  readonly githubRepository: string;
  /**
   * GITHUB_OIDC_SUBJECT_PREFIX: what every OIDC `sub` the roles trust starts with,
   * `repo:OWNER/REPO` (classic, the default, from GITHUB_REPOSITORY) or
   * `repo:OWNER@OWNER_ID/REPO@REPO_ID` (immutable; repositories created, renamed or
   * transferred after 15 July 2026). The roles trust `<prefix>:environment:<name>` and
   * `<prefix>:ref:refs/heads/main`, exactly.
   */
  readonly githubOidcSubjectPrefix: string;
  /** What the person running the synth should know (placeholders used, a defaulted subject form). */
  readonly notes: readonly string[];
  /** AWS_ENDPOINT_URL for the emulator target. */
  readonly emulatorEndpoint: string;
  /** TF_STATE_BUCKET / TF_STATE_REGION: where every deploy environment keeps its state. */
  readonly stateBucket: string;
  readonly stateRegion: string;
  /**
   * BOOTSTRAP_LOCAL_STATE=true: the bootstrap stack keeps local state. Needed once, for the
   * first apply that creates the state bucket; then migrate (see docs/infrastructure.md).
   */
  readonly bootstrapLocalState: boolean;
  /**
   * APPLY_INTO_EMULATOR=<endpoint URL>: every stack synthesized (bootstrap, dev, staging,
   * prod), in its real shape, but with its provider pointed at the emulator there and its
   * state in a local file in its own directory. Only for the apply tests and the delivery
   * workflow's emulator stage; never for a real deploy.
   */
  readonly applyIntoEmulator: string | undefined;
  /**
   * APPLY_INTO_EMULATOR_STATE=s3 (with APPLY_INTO_EMULATOR): the pipeline stacks keep their
   * state where a deploy keeps it, in the S3 backend with a lock file, in the state bucket the
   * bootstrap stack created in the emulator (TF_STATE_BUCKET), reached at the emulator's
   * endpoint. `local` (the default): a file in the stack's directory. The bootstrap stack
   * always starts local, as its first real apply does.
   */
  readonly emulatorState: 'local' | 's3';
}

export const PIPELINE_ENV_VALUES = ['all', 'bootstrap', ...TARGETS] as const;
export const DEFAULT_EMULATOR_ENDPOINT = 'http://localhost:4566';
/**
 * No GitHub token can carry these: an owner name never contains `.`, and GitHub gives no
 * account or repository the id 0. A bootstrap stack synthesized with them, if ever applied,
 * has roles nobody can assume.
 */
export const PLACEHOLDER_GITHUB_REPOSITORY = 'placeholder.invalid/placeholder-repo';
export const PLACEHOLDER_OIDC_SUBJECT_PREFIX = 'repo:placeholder.invalid@0/placeholder-repo@0';
const PLACEHOLDER_ACCOUNT = '000000000000';
const PLACEHOLDER_REPOSITORY = 'placeholder-not-deployable';
const PLACEHOLDER_DIGEST = `sha256:${'0'.repeat(64)}`;

/** `<account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<64 hex>`; groups: account, region, repo. */
export const ECR_IMAGE_BY_DIGEST =
  /^(\d{12})\.dkr\.ecr\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com(?:\.cn)?\/([a-z0-9]+(?:[._/-][a-z0-9]+)*)@sha256:[0-9a-f]{64}$/;
/** Any registry, pinned by digest: what the emulator target accepts (LocalStack serves its own registry). */
const ANY_IMAGE_BY_DIGEST = /^[a-z0-9.-]+(?::\d+)?\/[a-z0-9]+(?:[._/-][a-z0-9]+)*@sha256:[0-9a-f]{64}$/;

const truthy = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');
/** `true`/`1`, `false`/`0`, or undefined when unset or empty. */
const tristate = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === 'true' || v === '1'));

const envSchema = z.object({
  PIPELINE_ENV: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 'all' : v))
    .pipe(
      z.enum(PIPELINE_ENV_VALUES, { message: `must be one of ${PIPELINE_ENV_VALUES.join(', ')} (or unset)` }),
    ),
  LAMBDA_IMAGE_URI: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .superRefine((v, ctx) => {
      if (v === undefined || ANY_IMAGE_BY_DIGEST.test(v)) return;
      ctx.addIssue({
        code: 'custom',
        message: v.includes('@')
          ? `'${v}' is not <account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<64 hex>`
          : `'${v}' is a tag reference; pass the digest instead: <account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<64 hex> (aws ecr describe-images --query 'imageDetails[0].imageDigest')`,
      });
    }),
  DEPLOY_COMMIT: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(
      z
        .string()
        .regex(
          /^[0-9a-f]{40}$/,
          'must be the full 40-character commit SHA in lowercase hex (git rev-parse HEAD)',
        )
        .optional(),
    ),
  SYNTH_ALLOW_PLACEHOLDERS: tristate,
  BOOTSTRAP_LOCAL_STATE: truthy,
  GITHUB_REPOSITORY: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(z.string().regex(GITHUB_REPOSITORY_PATTERN, 'must be OWNER/REPO').optional()),
  GITHUB_OIDC_SUBJECT_PREFIX: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .superRefine((v, ctx) => {
      if (v === undefined || parseGithubSubjectPrefix(v)) return;
      ctx.addIssue({ code: 'custom', message: subjectPrefixProblem(v) });
    }),
  AWS_ENDPOINT_URL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? DEFAULT_EMULATOR_ENDPOINT : v))
    .pipe(z.string().regex(/^https?:\/\/[^\s/]+(:\d+)?\/?$/, 'must be an http(s)://host:port URL')),
  APPLY_INTO_EMULATOR: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(
      z
        .string()
        .regex(/^https?:\/\/[^\s/]+(:\d+)?\/?$/, 'must be an http(s)://host:port URL')
        .optional(),
    ),
  APPLY_INTO_EMULATOR_STATE: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 'local' : v))
    .pipe(z.enum(['local', 's3'], { message: 'must be local or s3 (or unset)' })),
  TF_STATE_BUCKET: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
        .optional(),
    ),
  TF_STATE_REGION: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(
      z
        .string()
        .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region')
        .optional(),
    ),
});

/** Reads and validates the synth inputs; throws ConfigError naming every bad variable. */
export function readSynthInputs(
  env: Readonly<Record<string, string | undefined>> = process.env,
): SynthInputs {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError('INVALID_SYNTH_INPUT', issuesToProblems(parsed.error.issues), parsed.error);
  }
  const v = parsed.data;
  const targets: readonly Target[] =
    v.PIPELINE_ENV === 'all' ? TARGETS : v.PIPELINE_ENV === 'bootstrap' ? [] : [v.PIPELINE_ENV];
  const bootstrap = v.PIPELINE_ENV === 'all' || v.PIPELINE_ENV === 'bootstrap';
  const { allowPlaceholders, refused } = placeholderPolicy(v.SYNTH_ALLOW_PLACEHOLDERS, env);
  const deployTargets = targets.filter(isDeployEnvironment);
  const problems = pipelineInputProblems(
    v.LAMBDA_IMAGE_URI,
    v.DEPLOY_COMMIT,
    targets,
    allowPlaceholders ? undefined : refused,
  );
  const github = githubTrust(
    v.GITHUB_REPOSITORY,
    v.GITHUB_OIDC_SUBJECT_PREFIX,
    bootstrap && !allowPlaceholders ? refused : undefined,
  );
  problems.push(...github.problems);
  if (v.APPLY_INTO_EMULATOR_STATE === 's3' && v.APPLY_INTO_EMULATOR === undefined) {
    problems.push({
      field: 'APPLY_INTO_EMULATOR_STATE',
      message:
        'is s3, which only chooses the state of stacks applied into the emulator: set APPLY_INTO_EMULATOR too (a real deploy always keeps its state in S3)',
    });
  }
  if (problems.length > 0) throw new ConfigError('INVALID_SYNTH_INPUT', problems);

  const placeholders = [
    ...(targets.length > 0 && v.LAMBDA_IMAGE_URI === undefined ? ['LAMBDA_IMAGE_URI'] : []),
    ...(deployTargets.length > 0 && v.DEPLOY_COMMIT === undefined ? ['DEPLOY_COMMIT'] : []),
    ...(bootstrap && github.placeholder ? ['GITHUB_OIDC_SUBJECT_PREFIX'] : []),
  ];
  const notes = [
    ...placeholderNotes(placeholders),
    ...(bootstrap && github.note !== undefined ? [github.note] : []),
  ];

  const names = bootstrapNames();
  return {
    targets,
    bootstrap,
    imageUri: v.LAMBDA_IMAGE_URI,
    commit: v.DEPLOY_COMMIT,
    allowPlaceholders,
    placeholders,
    githubRepository: github.repository,
    githubOidcSubjectPrefix: github.subjectPrefix,
    notes,
    emulatorEndpoint: v.AWS_ENDPOINT_URL.replace(/\/$/, ''),
    stateBucket: v.TF_STATE_BUCKET ?? names.stateBucket,
    stateRegion: v.TF_STATE_REGION ?? BOOTSTRAP.region,
    bootstrapLocalState: v.BOOTSTRAP_LOCAL_STATE,
    applyIntoEmulator: v.APPLY_INTO_EMULATOR?.replace(/\/$/, ''),
    emulatorState: v.APPLY_INTO_EMULATOR_STATE,
  };
}

interface Problem {
  readonly field: string;
  readonly message: string;
}

/**
 * What is wrong with the image and commit for these targets: a missing one when placeholders
 * are refused (`refused` says why), an image that cannot run in a target.
 */
function pipelineInputProblems(
  image: string | undefined,
  commit: string | undefined,
  targets: readonly Target[],
  refused: string | undefined,
): Problem[] {
  const problems: Problem[] = [];
  if (targets.length > 0 && image === undefined && refused !== undefined) {
    problems.push({
      field: 'LAMBDA_IMAGE_URI',
      message: `is required to synth a pipeline stack for a deploy (${refused}): pass the image by digest (<account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<64 hex>), or set SYNTH_ALLOW_PLACEHOLDERS=true for a synth that is only read or tested, never deployed`,
    });
  }
  if (image !== undefined) {
    for (const target of targets) {
      const problem = imageProblem(image, target);
      if (problem) problems.push({ field: 'LAMBDA_IMAGE_URI', message: problem });
    }
  }
  const deployTargets = targets.filter(isDeployEnvironment);
  if (deployTargets.length > 0 && commit === undefined && refused !== undefined) {
    problems.push({
      field: 'DEPLOY_COMMIT',
      message: `is required to synth ${deployTargets.join(', ')} for a deploy (${refused}): the full SHA of the commit being deployed (git rev-parse HEAD); the function records it so an older commit can never replace it unnoticed`,
    });
  }
  return problems;
}

/**
 * The repository and the OIDC subject prefix the roles trust: GITHUB_OIDC_SUBJECT_PREFIX as
 * given (checked against GITHUB_REPOSITORY's names), else the classic `repo:OWNER/REPO` of
 * GITHUB_REPOSITORY (with a note saying so), else placeholders no token carries.
 */
function githubTrust(
  repository: string | undefined,
  prefixInput: string | undefined,
  /** Why placeholders are refused, when they are: then one of the two is required. */
  refused: string | undefined,
): { repository: string; subjectPrefix: string; problems: Problem[]; note?: string; placeholder?: true } {
  const problems: Problem[] = [];
  if (refused !== undefined && repository === undefined && prefixInput === undefined) {
    problems.push({
      field: 'GITHUB_REPOSITORY',
      message: `is required to synth the bootstrap stack for a deploy (${refused}): OWNER/REPO whose workflows may assume the deploy roles (or set GITHUB_OIDC_SUBJECT_PREFIX to the repository's OIDC subject prefix)`,
    });
  }
  const prefix = prefixInput === undefined ? undefined : parseGithubSubjectPrefix(prefixInput);
  const named = prefix ? `${prefix.owner}/${prefix.repository}` : undefined;
  if (named !== undefined && repository !== undefined && named.toLowerCase() !== repository.toLowerCase()) {
    problems.push({
      field: 'GITHUB_OIDC_SUBJECT_PREFIX',
      message: `names ${named}, but GITHUB_REPOSITORY is ${repository}: the roles would trust another repository than the one that deploys; read the prefix of ${repository} (gh api repos/${repository}/actions/oidc/customization/sub --jq .sub_claim_prefix)`,
    });
  }
  if (prefixInput !== undefined) {
    return {
      repository: repository ?? named ?? PLACEHOLDER_GITHUB_REPOSITORY,
      subjectPrefix: prefixInput,
      problems,
    };
  }
  if (repository !== undefined) {
    const subjectPrefix = classicSubjectPrefix(repository);
    return {
      repository,
      subjectPrefix,
      problems,
      note: `GITHUB_OIDC_SUBJECT_PREFIX is unset: the roles trust the classic subjects ${subjectPrefix}:…. A repository created, renamed or transferred after 15 July 2026 signs repo:OWNER@OWNER_ID/REPO@REPO_ID:… instead; read yours with gh api repos/${repository}/actions/oidc/customization/sub --jq .sub_claim_prefix (docs/deploying.md).`,
    };
  }
  return {
    repository: PLACEHOLDER_GITHUB_REPOSITORY,
    subjectPrefix: PLACEHOLDER_OIDC_SUBJECT_PREFIX,
    problems,
    placeholder: true,
  };
}

/** Says which inputs got a placeholder, so nobody mistakes the synth for a deployable one. */
function placeholderNotes(placeholders: readonly string[]): string[] {
  if (placeholders.length === 0) return [];
  return [
    `Placeholders for ${placeholders.join(', ')} (unset): this synth is for reading and testing, never for a deploy, which passes them with SYNTH_ALLOW_PLACEHOLDERS=false.`,
  ];
}

/**
 * Placeholders as SYNTH_ALLOW_PLACEHOLDERS says; unset, allowed unless the synth runs under CI
 * (GitHub Actions sets GITHUB_ACTIONS=true and CI=true on every runner), so a workflow step
 * that forgets the variable fails closed. `refused` says why, for the error messages.
 */
function placeholderPolicy(
  explicit: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { allowPlaceholders: boolean; refused: string } {
  if (explicit !== undefined)
    return { allowPlaceholders: explicit, refused: 'SYNTH_ALLOW_PLACEHOLDERS=false' };
  const ci = env.CI;
  const underCi =
    env.GITHUB_ACTIONS === 'true' || (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0');
  return {
    allowPlaceholders: !underCi,
    refused:
      'CI is set and SYNTH_ALLOW_PLACEHOLDERS is not: a synth under CI gets placeholders only with SYNTH_ALLOW_PLACEHOLDERS=true',
  };
}

/** Why GITHUB_OIDC_SUBJECT_PREFIX is neither form, in the words that help fix it. */
function subjectPrefixProblem(value: string): string {
  const forms =
    'repo:OWNER/REPO (classic) or repo:OWNER@OWNER_ID/REPO@REPO_ID (immutable, the numeric ids of the owner and the repository); read it from sub_claim_prefix of gh api repos/OWNER/REPO/actions/oidc/customization/sub';
  if (/[*?]/.test(value))
    return `'${value}' has a wildcard, but the roles trust exact subjects only: give ${forms}`;
  if (/^repo:[^:]+:/.test(value))
    return `'${value}' goes past the prefix: give only ${forms}; the stacks append :environment:<name> and :ref:refs/heads/main themselves`;
  return `'${value}' is neither ${forms}`;
}

/** Why an image reference cannot run in a target, or undefined when it can. */
function imageProblem(uri: string, target: Target): string | undefined {
  if (target === 'emulator') return undefined;
  const match = ECR_IMAGE_BY_DIGEST.exec(uri);
  if (!match) return `'${uri}' must be an ECR image by digest for ${target}`;
  const region = ENVIRONMENTS[target].region;
  if (match[2] !== region) {
    return `image is in ${match[2]} but ${target} runs in ${region}; Lambda pulls images from its own region`;
  }
  return undefined;
}

/** The image a target deploys: the input, or (placeholders allowed) an image that cannot exist. */
export function imageUriFor(inputs: SynthInputs, target: Target): string {
  if (inputs.imageUri !== undefined) return inputs.imageUri;
  if (!inputs.allowPlaceholders) {
    throw new ConfigError('INVALID_SYNTH_INPUT', [{ field: 'LAMBDA_IMAGE_URI', message: 'is required' }]);
  }
  const region = ENVIRONMENTS[target].region;
  return `${PLACEHOLDER_ACCOUNT}.dkr.ecr.${region}.amazonaws.com/${PLACEHOLDER_REPOSITORY}@${PLACEHOLDER_DIGEST}`;
}

export function isPlaceholderImage(uri: string): boolean {
  return uri.includes(`/${PLACEHOLDER_REPOSITORY}@`);
}

export function isDeployEnvironment(target: Target): target is DeployEnvironment {
  return (DEPLOY_ENVIRONMENTS as readonly string[]).includes(target);
}

import { BOOTSTRAP, ENVIRONMENTS } from './environments.js';
import type { DeployEnvironment, Target } from './types.js';

/** Every named resource of a pipeline environment; the name is `<prefix>-<target>-<kind>`. */
export const RESOURCE_KINDS = [
  'ingest',
  'processed',
  'sessions',
  'idempotency',
  'gold-marks',
  'summary',
  'operations',
  'dlq',
  'processor',
  'processor-role',
  'gold',
  'gold-role',
  'gold-schedule',
  'gold-scheduler-role',
  'key',
  'boundary',
  'uploads',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** The one naming rule of a pipeline environment; use it instead of concatenating strings. */
export function resourceName(
  target: Target,
  kind: ResourceKind,
  prefix: string = ENVIRONMENTS[target].prefix,
): string {
  return `${prefix}-${target}-${kind}`;
}

/** The cdktf stack (and cdktf.out/stacks/<name> directory) of a pipeline environment. */
export function pipelineStackName(target: Target, prefix: string = ENVIRONMENTS[target].prefix): string {
  return `${prefix}-${target}`;
}

/** The remote-state object of a deploy environment inside the shared state bucket. */
export function stateKey(env: DeployEnvironment): string {
  return `pipeline/${env}/terraform.tfstate`;
}

export const BOOTSTRAP_STATE_KEY = 'bootstrap/terraform.tfstate';

/**
 * Tag on an environment's function naming the commit it was deployed from (synth input
 * DEPLOY_COMMIT). scripts/steps/deploy-order reads it before a deploy to refuse a commit older
 * than the one running.
 */
export const COMMIT_TAG = 'commit';

/**
 * The function's alias that the upload trigger invokes. Terraform creates it; where it points
 * (and its canary routing) belongs to the release step (scripts/steps/release).
 */
export const LIVE_ALIAS = 'live';

/**
 * Moving ECR tags that keep an environment's image from expiring: `deploying-<env>` is put on
 * the image a deploy is about to apply, `deployed-<env>` on the image the function runs after it
 * (scripts/steps/mark-image). They are the repository's only mutable tags (commit-SHA tags stay
 * immutable), and the lifecycle policy never expires an image that carries one.
 */
export const IMAGE_MARKERS = ['deploying', 'deployed'] as const;
export type ImageMarker = (typeof IMAGE_MARKERS)[number];

/** The ECR tag `marker` puts on the image of `env`, e.g. `deployed-prod`. */
export function imageMarkerTag(marker: ImageMarker, env: DeployEnvironment): string {
  return `${marker}-${env}`;
}

/** ECR wildcard filter matching every environment's tag of `marker`, e.g. `deployed-*`. */
export function imageMarkerPattern(marker: ImageMarker): string {
  return `${marker}-*`;
}

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/**
 * The GitHub Environment a prod teardown runs in: its own required reviewers, so approving a
 * prod deploy can never destroy prod (teardown.yml, scripts/steps/teardown-guard).
 */
export const PROD_TEARDOWN_GITHUB_ENVIRONMENT = 'prod-teardown';

/**
 * The GitHub Environments whose jobs may assume each deploy role: deploys run in the
 * environment of the same name, teardowns of dev and staging too, and a prod teardown in
 * `prod-teardown`. Each becomes one exact OIDC `sub` in the role's trust policy.
 */
export const DEPLOY_ROLE_GITHUB_ENVIRONMENTS = {
  dev: ['dev'],
  staging: ['staging'],
  prod: ['prod', PROD_TEARDOWN_GITHUB_ENVIRONMENT],
} as const satisfies Record<DeployEnvironment, readonly [string, ...string[]]>;

/**
 * The part of every OIDC `sub` GitHub signs for a repository (with the default subject
 * template) that names the repository; the job's context follows it after a `:`. Two forms
 * (GitHub's OIDC reference, "Immutable subject claims"):
 * - classic, names only: `repo:OWNER/REPO` (repositories created before 15 July 2026 that did
 *   not opt in);
 * - immutable: `repo:OWNER@OWNER_ID/REPO@REPO_ID`, the numeric ids of `GET /repos/OWNER/REPO`
 *   (`owner.id`, `id`) appended with `@` (repositories created, renamed or transferred after
 *   that date, and those that opted in).
 * `GET /repos/OWNER/REPO/actions/oidc/customization/sub` answers with the one in force
 * (`sub_claim_prefix`).
 */
export interface GithubSubjectPrefix {
  readonly form: 'classic' | 'immutable';
  readonly owner: string;
  readonly repository: string;
  readonly ownerId?: string;
  readonly repositoryId?: string;
}

/** GitHub account names: letters, digits and single inner hyphens, at most 39 characters. */
const OWNER = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})';
/** Repository names: letters, digits, `.`, `_`, `-` (never `@`, `/` or `:`). */
const REPOSITORY = '[A-Za-z0-9._-]{1,100}';
/** GitHub's numeric ids: positive integers. */
const ID = '[1-9][0-9]{0,19}';
export const GITHUB_REPOSITORY_PATTERN = new RegExp(`^${OWNER}/${REPOSITORY}$`);
const CLASSIC_PREFIX = new RegExp(`^repo:(${OWNER})/(${REPOSITORY})$`);
const IMMUTABLE_PREFIX = new RegExp(`^repo:(${OWNER})@(${ID})/(${REPOSITORY})@(${ID})$`);

/** Parses a subject prefix in either form; undefined when it is neither. */
export function parseGithubSubjectPrefix(prefix: string): GithubSubjectPrefix | undefined {
  const immutable = IMMUTABLE_PREFIX.exec(prefix);
  if (immutable) {
    const [, owner = '', ownerId = '', repository = '', repositoryId = ''] = immutable;
    return { form: 'immutable', owner, ownerId, repository, repositoryId };
  }
  const classic = CLASSIC_PREFIX.exec(prefix);
  if (classic) {
    const [, owner = '', repository = ''] = classic;
    return { form: 'classic', owner, repository };
  }
  return undefined;
}

/** The classic, names-only prefix of `repository` (OWNER/REPO): `repo:OWNER/REPO`. */
export function classicSubjectPrefix(repository: string): string {
  return `repo:${repository}`;
}

/** The exact OIDC `sub` of a job in GitHub Environment `githubEnvironment` (`<prefix>:environment:<name>`). */
export function githubEnvironmentSubject(subjectPrefix: string, githubEnvironment: string): string {
  return `${subjectPrefix}:environment:${githubEnvironment}`;
}

/** The exact OIDC `sub` of a job on `branch` outside any GitHub Environment (`<prefix>:ref:refs/heads/<branch>`). */
export function githubBranchSubject(subjectPrefix: string, branch: string): string {
  return `${subjectPrefix}:ref:refs/heads/${branch}`;
}

/** Plain-data names of everything an environment contains, for the local run and workflows. */
export interface EnvironmentResourceNames {
  readonly target: Target;
  readonly region: string;
  readonly stack: string;
  readonly buckets: { readonly ingest: string; readonly processed: string };
  readonly tables: { readonly sessions: string; readonly idempotency: string; readonly goldMarks: string };
  readonly topics: { readonly summary: string; readonly operations: string };
  readonly queues: { readonly dlq: string };
  readonly function: string;
  readonly functionRole: string;
  readonly logGroup: string;
  /** The daily gold run: its function (same image), role, log group and schedule. */
  readonly gold: {
    readonly function: string;
    readonly role: string;
    readonly logGroup: string;
    readonly schedule: string;
    readonly schedulerRole: string;
  };
  readonly kmsKeyAlias: string;
  /** IAM policy (made by the bootstrap stack) capping every role the deploy role creates. */
  readonly permissionsBoundary: string;
  /** EventBridge rule (default bus) that invokes the function when eventSource is 'eventbridge'. */
  readonly uploadsRule: string;
  /** Object key prefix the S3 notification watches (`uploads/<athlete>/<file>.csv`). */
  readonly uploadsPrefix: string;
  readonly uploadSuffixes: readonly string[];
}

/** The sessions table's index by ISO week; its keys are attributes the function writes. */
export { SESSIONS_WEEK_INDEX } from '../../lambda/src/core/gold/session-digest.js';

export const UPLOADS_PREFIX = 'uploads/';
export const UPLOAD_SUFFIXES = ['.csv', '.jsonl'] as const;
/** Prefixes the function writes under in the processed bucket (and only these). */
export const PROCESSED_PREFIXES = ['silver/', 'reports/', 'rejected/'] as const;
/** Prefixes the gold run writes under: its files and its run reports. */
export const GOLD_PREFIXES = ['gold/', 'reports/daily/'] as const;
/**
 * Alarms a release does not watch (scripts/steps/release): about the schedule, not the
 * version. A new environment's "no gold run report" alarm goes to ALARM before the first
 * daily run, and would fail every first release's bake.
 */
export const RELEASE_UNWATCHED_ALARMS = ['gold-no-run-report'] as const;
export const PROCESSED_REPORTS_PREFIX = 'reports/';
/**
 * The athlete the post-deploy smoke test uploads as (scripts/steps/smoke-test): the only
 * athlete whose upload and report a deploy role may write and read.
 */
export const SMOKE_ATHLETE = 'smoke';

export function resourceNames(target: Target): EnvironmentResourceNames {
  const { prefix, region } = ENVIRONMENTS[target];
  const fn = resourceName(target, 'processor', prefix);
  return {
    target,
    region,
    stack: pipelineStackName(target, prefix),
    buckets: {
      ingest: resourceName(target, 'ingest', prefix),
      processed: resourceName(target, 'processed', prefix),
    },
    tables: {
      sessions: resourceName(target, 'sessions', prefix),
      idempotency: resourceName(target, 'idempotency', prefix),
      goldMarks: resourceName(target, 'gold-marks', prefix),
    },
    topics: {
      summary: resourceName(target, 'summary', prefix),
      operations: resourceName(target, 'operations', prefix),
    },
    queues: { dlq: resourceName(target, 'dlq', prefix) },
    function: fn,
    functionRole: resourceName(target, 'processor-role', prefix),
    logGroup: `/aws/lambda/${fn}`,
    gold: {
      function: resourceName(target, 'gold', prefix),
      role: resourceName(target, 'gold-role', prefix),
      logGroup: `/aws/lambda/${resourceName(target, 'gold', prefix)}`,
      schedule: resourceName(target, 'gold-schedule', prefix),
      schedulerRole: resourceName(target, 'gold-scheduler-role', prefix),
    },
    kmsKeyAlias: `alias/${resourceName(target, 'key', prefix)}`,
    permissionsBoundary: resourceName(target, 'boundary', prefix),
    uploadsRule: resourceName(target, 'uploads', prefix),
    uploadsPrefix: UPLOADS_PREFIX,
    uploadSuffixes: UPLOAD_SUFFIXES,
  };
}

/** Plain-data names of the once-per-account bootstrap resources. */
export interface BootstrapResourceNames {
  readonly region: string;
  readonly stack: string;
  /** Default state bucket; TF_STATE_BUCKET overrides it (then set it the same for every synth). */
  readonly stateBucket: string;
  readonly ecrRepository: string;
  readonly imagePushRole: string;
  readonly deployRoles: Readonly<Record<DeployEnvironment, string>>;
  /** Read-only roles that plan an environment from main before anyone approves its deploy. */
  readonly planRoles: Readonly<Record<DeployEnvironment, string>>;
  readonly stateKeys: Readonly<Record<DeployEnvironment | 'bootstrap', string>>;
}

export function bootstrapNames(prefix: string = BOOTSTRAP.prefix): BootstrapResourceNames {
  return {
    region: BOOTSTRAP.region,
    stack: `${prefix}-bootstrap`,
    stateBucket: `${prefix}-tfstate`,
    ecrRepository: `${prefix}-processor`,
    imagePushRole: `${prefix}-image-push`,
    deployRoles: {
      dev: `${prefix}-deploy-dev`,
      staging: `${prefix}-deploy-staging`,
      prod: `${prefix}-deploy-prod`,
    },
    planRoles: {
      dev: `${prefix}-plan-dev`,
      staging: `${prefix}-plan-staging`,
      prod: `${prefix}-plan-prod`,
    },
    stateKeys: {
      dev: stateKey('dev'),
      staging: stateKey('staging'),
      prod: stateKey('prod'),
      bootstrap: BOOTSTRAP_STATE_KEY,
    },
  };
}

/**
 * Pure part of the environment-protection step: whether a GitHub Environment, as the REST
 * API returns it (GET /repos/{owner}/{repo}/environments/{name}), makes a deploy wait for a
 * reviewer, and what to tell the person whose deploy was refused.
 */
import { StepError } from '../lib/errors.js';

/** What the step needs of the API's environment object. */
export interface GithubEnvironment {
  readonly name?: string;
  readonly can_admins_bypass?: boolean;
  readonly protection_rules?: readonly {
    readonly type?: string;
    readonly prevent_self_review?: boolean;
    readonly reviewers?: readonly {
      readonly type?: string;
      readonly reviewer?: { readonly login?: string; readonly slug?: string; readonly name?: string };
    }[];
  }[];
}

export interface Protection {
  /** Logins (users) and slugs (teams) that may approve. */
  readonly reviewers: readonly string[];
  /** Things that weaken the protection, for warnings; they do not refuse the deploy. */
  readonly warnings: readonly string[];
}

/** How to fix a refused deploy: the same sentence in every refusal. */
export function howToProtect(repository: string, environment: string, target: string): string {
  return [
    `Add required reviewers to the environment: Settings > Environments > ${environment} > Required reviewers (https://github.com/${repository}/settings/environments), then re-run the deploy.`,
    'A private repository gets required reviewers only with a paid plan (GitHub Enterprise, or make the repository public).',
    `If ${target} must deploy without review, say so in a reviewed commit: requireReviewers: false for ${target} in stacks/config/environments.ts.`,
    'See docs/deploying.md, "Required reviewers".',
  ].join(' ');
}

/**
 * The environment's required reviewers; throws ENVIRONMENT_UNPROTECTED when there are none
 * (no required_reviewers rule, or one with an empty reviewer list).
 */
export function requiredReviewers(
  data: GithubEnvironment,
  { repository, environment, target }: { repository: string; environment: string; target: string },
): Protection {
  const rules = (data.protection_rules ?? []).filter((rule) => rule.type === 'required_reviewers');
  const reviewers = rules.flatMap((rule) =>
    (rule.reviewers ?? []).map(
      ({ type, reviewer }) =>
        `${type === 'Team' ? 'team ' : ''}${reviewer?.login ?? reviewer?.slug ?? reviewer?.name ?? '?'}`,
    ),
  );
  if (reviewers.length === 0) {
    throw new StepError(
      'ENVIRONMENT_UNPROTECTED',
      `${target} deploys only after a reviewer approves (requireReviewers), but the GitHub Environment '${environment}' of ${repository} has no required reviewers, so this job started without anyone's approval. Nothing was deployed and no AWS credential was requested. ${howToProtect(repository, environment, target)}`,
    );
  }
  const warnings = [
    ...(rules.some((rule) => rule.prevent_self_review !== true)
      ? [
          `The person who started a deploy of '${environment}' may approve it themselves; tick "Prevent self-review" to need a second person.`,
        ]
      : []),
    ...(data.can_admins_bypass === true
      ? [
          `Repository administrators may deploy '${environment}' without approval; untick "Allow administrators to bypass configured protection rules" to stop that.`,
        ]
      : []),
  ];
  return { reviewers, warnings };
}

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export function checkRepository(value: string): string {
  if (!REPOSITORY.test(value)) {
    throw new StepError('INVALID_INPUT', `Input 'repository' must be OWNER/REPO (got '${value}').`);
  }
  return value;
}

/** The API URL of one environment; `apiUrl` is github.api_url (GitHub Enterprise has its own). */
export function environmentUrl(apiUrl: string, repository: string, environment: string): string {
  if (!/^https:\/\/[^\s/]+(\/[^\s]*)?$/.test(apiUrl)) {
    throw new StepError('INVALID_INPUT', `Input 'api_url' must be an https:// URL (got '${apiUrl}').`);
  }
  const [owner, repo] = checkRepository(repository).split('/') as [string, string];
  return `${apiUrl.replace(/\/$/, '')}/repos/${owner}/${repo}/environments/${encodeURIComponent(environment)}`;
}

/** Why the API answered `status` instead of the environment, in words that say what to do. */
export function apiFailure(status: number, repository: string, environment: string): StepError {
  const reason =
    status === 404
      ? `GitHub knows no environment '${environment}' in ${repository} (a private repository on GitHub Free has no environments at all). Create it under Settings > Environments.`
      : status === 401 || status === 403
        ? `the job's token may not read it: the job needs \`permissions: actions: read\` (and so does the job in deploy.yml that calls deploy-environment.yml).`
        : `GitHub answered HTTP ${status}; re-run the job.`;
  return new StepError(
    'GITHUB_API_FAILED',
    `Cannot read the protection rules of the GitHub Environment '${environment}': ${reason} Nothing was deployed.`,
  );
}

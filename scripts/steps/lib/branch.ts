/**
 * The one branch whose workflows deploy and tear down. GitHub Environments should allow only
 * this branch too (docs/deploying.md); this check makes a run dispatched from any other branch
 * fail with a sentence before it asks for credentials, instead of relying on that setting alone.
 */
import { StepError } from './errors.js';

export const DEPLOY_BRANCH = 'main';
export const DEPLOY_REF = `refs/heads/${DEPLOY_BRANCH}`;

/** Throws WRONG_BRANCH unless `ref` (GITHUB_REF) is the deploy branch. */
export function requireDeployBranch(ref: string, what: string): void {
  if (ref !== DEPLOY_REF) {
    throw new StepError(
      'WRONG_BRANCH',
      `${what} runs from ${DEPLOY_BRANCH} only (this run is on '${ref || 'no ref'}'). Start it again with "Use workflow from: ${DEPLOY_BRANCH}". Nothing was changed.`,
    );
  }
}

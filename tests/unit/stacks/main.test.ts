import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Runs stacks/main.ts as `cdktf synth` runs it (cdktf.json: `npx tsx stacks/main.ts`), with
 * only `env` set beyond PATH and HOME: none of the shell's synth inputs or CI variables leak in.
 */
function synthMain(env: Record<string, string>, outdir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', join('stacks', 'main.ts')], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CDKTF_OUTDIR: outdir, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('stacks/main.ts, the app `npm run synth` runs', () => {
  let outdir: string;
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesizes every stack on a fresh clone with no variable set, saying what is a placeholder', () => {
    // Prepare
    outdir = mkdtempSync(join(tmpdir(), 'synth-main-'));
    // Act
    const result = synthMain({}, outdir);
    // Assess
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'Note: Placeholders for LAMBDA_IMAGE_URI, DEPLOY_COMMIT, GITHUB_OIDC_SUBJECT_PREFIX (unset)',
    );
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual([
      'workout-pipeline-bootstrap',
      'workout-pipeline-dev',
      'workout-pipeline-emulator',
      'workout-pipeline-prod',
      'workout-pipeline-staging',
    ]);
    // The placeholder bootstrap trusts a subject no GitHub token carries.
    const bootstrap = readFileSync(
      join(outdir, 'stacks', 'workout-pipeline-bootstrap', 'cdk.tf.json'),
      'utf8',
    );
    expect(bootstrap).toContain('repo:placeholder.invalid@0/placeholder-repo@0:environment:prod');
  }, 120_000);

  it('refuses placeholders under CI, naming the variables, before writing anything', () => {
    // Prepare
    outdir = mkdtempSync(join(tmpdir(), 'synth-main-'));
    // Act
    const result = synthMain({ CI: 'true', GITHUB_ACTIONS: 'true' }, outdir);
    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Invalid synth input:\n {2}- LAMBDA_IMAGE_URI: is required .*CI is set/m);
    expect(result.stderr).toMatch(/- DEPLOY_COMMIT: /);
    expect(result.stderr).toMatch(/- GITHUB_REPOSITORY: /);
    expect(readdirSync(outdir)).toEqual([]);
  }, 120_000);
});

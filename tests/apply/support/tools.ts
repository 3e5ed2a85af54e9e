/**
 * The OpenTofu and AWS provider that `npm run tofu:setup` built (scripts/tofu/setup.sh), as
 * its tools.json describes them. The apply tests run nothing else.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ApplyTools {
  /** Absolute path of the tofu binary. */
  readonly tofu: string;
  readonly tofuVersion: string;
  /** The version the built provider is published as in the mirror. */
  readonly providerVersion: string;
  /** The Go module version (pseudo-version) it was built from. */
  readonly providerCommit: string;
  /** TF_CLI_CONFIG_FILE: the aws provider from the mirror, offline. */
  readonly cliConfig: string;
}

export function toolsCache(env: NodeJS.ProcessEnv = process.env): string {
  return env.WORKOUT_TOOLS_CACHE ?? join(homedir(), '.cache', 'workout-pipeline');
}

export function applyTools(env: NodeJS.ProcessEnv = process.env): ApplyTools {
  const file = join(toolsCache(env), 'tools.json');
  if (!existsSync(file)) {
    throw new Error(
      `No OpenTofu build at ${file}: run 'npm run tofu:setup' (npm test runs it first; the first build takes 10-20 minutes).`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as ApplyTools;
}

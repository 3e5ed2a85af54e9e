/**
 * First-run setup: when no emulator is given by AWS_ENDPOINT_URL, install (or update to
 * its pin) the emulator alone with `scripts/venv.sh --emulator`: requirements-emulator.txt,
 * not the linters and actionlint of `npm run venv`, which the main job does not run. The
 * script keeps its own stamp and returns at once when the pin is installed; its progress is
 * streamed, and a missing python3 is named with what to install.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { MainJobError } from './errors.js';

export const MOTO_SERVER = join('.venv', 'bin', 'moto_server');

export interface EnsureEmulatorOptions {
  readonly projectRoot: string;
  readonly env: NodeJS.ProcessEnv;
  readonly onProgress: (line: string) => void;
}

/** Returns true when it installed or updated the emulator, false when nothing was needed. */
export async function ensureEmulatorInstalled(options: EnsureEmulatorOptions): Promise<boolean> {
  const { projectRoot, env, onProgress } = options;
  if (env.AWS_ENDPOINT_URL) return false;
  const server = join(projectRoot, MOTO_SERVER);
  const present = existsSync(server);
  if (!present) {
    requirePython(env);
    onProgress(
      'The AWS emulator (moto) is not installed yet: installing it alone into ./.venv (about half a minute, once; npm run venv adds the linters that tests and CI use)...',
    );
  }
  const lines: string[] = [];
  const code = await streamProcess('bash', [join(projectRoot, 'scripts', 'venv.sh'), '--emulator'], {
    cwd: projectRoot,
    env,
    onLine: (line) => {
      lines.push(line);
      onProgress(`  ${line}`);
    },
  });
  if (code === 0 && existsSync(server)) return lines.length > 0;
  if (present && existsSync(server)) {
    onProgress(
      'Updating the emulator to its pin in requirements-emulator.txt failed (see above); carrying on with the one installed.',
    );
    return false;
  }
  throw new MainJobError(
    'EMULATOR_INSTALL_FAILED',
    `Installing the AWS emulator into ${join(projectRoot, '.venv')} failed (exit ${code}; its output is above). Fix what it names, then run 'npm start' again (or 'bash scripts/venv.sh --emulator' to install it alone).`,
  );
}

/** python3 must exist and be 3.10 or newer, as scripts/venv.sh needs. */
export function requirePython(env: NodeJS.ProcessEnv): void {
  const probe = spawnSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
    env,
    encoding: 'utf8',
  });
  const version = probe.status === 0 ? probe.stdout.trim() : undefined;
  const [major = 0, minor = 0] = (version ?? '').split('.').map(Number);
  if (version && (major > 3 || (major === 3 && minor >= 10))) return;
  const found = version ? `python3 is ${version}` : 'python3 is not installed (or not on PATH)';
  throw new MainJobError(
    'PYTHON_MISSING',
    `${found}; npm start needs Python 3.10 or newer with its venv module once, to install the AWS emulator (moto) into ./.venv. Install it (Debian/Ubuntu: sudo apt-get install python3 python3-venv; macOS: brew install python), then run npm start again. Or set AWS_ENDPOINT_URL to an AWS emulator you already run.`,
  );
}

function streamProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; onLine: (line: string) => void },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (line.trim()) options.onLine(line);
      });
    }
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });
}

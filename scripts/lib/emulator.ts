/**
 * The AWS emulator used by integration tests, the local main job and CI.
 *
 * If AWS_ENDPOINT_URL is already set (an emulator someone started, e.g. the workflow step),
 * that endpoint is used as it is and never stopped by us. Otherwise moto's server is
 * started from the project's .venv on a free loopback port, polled until it answers,
 * and stopped by the returned handle.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ToolingError } from './errors.js';

/** Region and dummy credentials the emulator accepts; never real ones. */
export const EMULATOR_REGION = 'us-east-1';
export const EMULATOR_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;
/** moto's default account. */
export const EMULATOR_ACCOUNT_ID = '123456789012';

export type EmulatorKind = 'moto' | 'external';

/**
 * How to run moto's server from the project's .venv on a loopback port (also used by the
 * CI step): through scripts/lib/moto_server.py, moto_server with one performance fix (a
 * transaction copies each table once, not once per item; same answers).
 */
export function motoServerCommand(projectRoot: string, port: number) {
  return {
    command: join(projectRoot, '.venv', 'bin', 'python'),
    args: [join(projectRoot, 'scripts', 'lib', 'moto_server.py'), '-H', '127.0.0.1', '-p', String(port)],
    env: { MOTO_ALLOW_NONEXISTENT_REGION: 'false' },
  } as const;
}

export interface Emulator {
  readonly endpoint: string;
  readonly region: string;
  readonly kind: EmulatorKind;
  /** Environment variables that point the AWS SDK (and our code) at the emulator. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export interface StartEmulatorOptions {
  /** Project root holding .venv; defaults to the current directory. */
  readonly projectRoot?: string;
  /** Environment to read AWS_ENDPOINT_URL from; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** How long to wait for the emulator to answer. @default 30000 */
  readonly readyTimeoutMs?: number;
  /** Called with short progress lines (starting, ready). */
  readonly onProgress?: (line: string) => void;
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const env = options.env ?? process.env;
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const external = env.AWS_ENDPOINT_URL;
  if (external) {
    const endpoint = parseEndpoint(external);
    options.onProgress?.(`Using the emulator at ${endpoint} (AWS_ENDPOINT_URL).`);
    await waitUntilReady(endpoint, readyTimeoutMs);
    const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? EMULATOR_REGION;
    return {
      endpoint,
      region,
      kind: 'external',
      env: emulatorEnv(endpoint, region, env),
      stop: async () => {},
    };
  }

  const projectRoot = options.projectRoot ?? process.cwd();
  // Installed by `npm run venv` with moto; the command itself runs the .venv's python.
  const binary = join(projectRoot, '.venv', 'bin', 'moto_server');
  if (!existsSync(binary)) {
    throw new ToolingError(
      'EMULATOR_NOT_INSTALLED',
      `The AWS emulator (moto) is not installed at ${binary}. Run 'npm run venv' (needs python3 >= 3.10 with the venv module), or set AWS_ENDPOINT_URL to an emulator you run yourself.`,
    );
  }

  const port = await freeLoopbackPort();
  const endpoint = `http://127.0.0.1:${port}`;
  options.onProgress?.(`Starting the AWS emulator (moto) on ${endpoint}...`);
  // moto logs every request. Its output goes to a file, not a pipe: a pipe nobody drains
  // (our process busy or blocked in a synchronous call) fills up and stalls the emulator.
  const logDir = mkdtempSync(join(tmpdir(), 'moto-'));
  const logFile = join(logDir, 'moto.log');
  const logFd = openSync(logFile, 'w');
  const moto = motoServerCommand(projectRoot, port);
  const child = spawn(moto.command, moto.args, {
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, ...moto.env },
  });
  closeSync(logFd);
  const stderr = () => tailOf(logFile);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  try {
    await Promise.race([
      waitUntilReady(endpoint, readyTimeoutMs),
      exited.then((code) => {
        throw new ToolingError(
          'EMULATOR_START_FAILED',
          `moto_server exited with code ${code} before it answered on ${endpoint}. Its last output:\n${stderr()}`,
        );
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(logDir, { recursive: true, force: true });
    throw error;
  }
  options.onProgress?.(`Emulator ready on ${endpoint}.`);

  return {
    endpoint,
    region: EMULATOR_REGION,
    kind: 'moto',
    env: emulatorEnv(endpoint, EMULATOR_REGION, {}),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}

/** Endpoint, region and (dummy unless given) credentials for SDK clients and child processes. */
export function emulatorEnv(
  endpoint: string,
  region: string,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID ?? EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY ?? EMULATOR_CREDENTIALS.secretAccessKey,
  };
}

export function parseEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new ToolingError('INVALID_ENDPOINT', `AWS_ENDPOINT_URL '${value}' is not a URL.`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ToolingError(
      'INVALID_ENDPOINT',
      `AWS_ENDPOINT_URL '${value}' must start with http:// or https://.`,
    );
  }
  return url.origin;
}

/** Polls until any HTTP answer comes back; moto and LocalStack both answer GET /. */
export async function waitUntilReady(endpoint: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(endpoint, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new ToolingError(
    'EMULATOR_NOT_READY',
    `The emulator at ${endpoint} did not answer within ${timeoutMs} ms. Is it running, and is the port right?`,
    { cause: lastError },
  );
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function tailOf(file: string, maxChars = 4_000): string {
  try {
    return readFileSync(file, 'utf8').slice(-maxChars).trim();
  } catch {
    return '(no output)';
  }
}

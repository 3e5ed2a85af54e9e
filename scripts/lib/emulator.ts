/**
 * The AWS emulator used by integration tests, the local main job and CI.
 *
 * If AWS_ENDPOINT_URL is already set (an emulator someone started, e.g. the workflow step),
 * that endpoint is used as it is and never stopped by us. Otherwise moto's server is
 * started from the project's .venv on a free loopback port, polled until it answers,
 * and stopped by the returned handle.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
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
export function motoServerCommand(projectRoot: string, port: number, tls?: EmulatorTls) {
  return {
    command: join(projectRoot, '.venv', 'bin', 'python'),
    args: [
      join(projectRoot, 'scripts', 'lib', 'moto_server.py'),
      '-H',
      '127.0.0.1',
      '-p',
      String(port),
      ...(tls ? ['--ssl-cert', tls.cert, '--ssl-key', tls.key] : []),
    ],
    env: { MOTO_ALLOW_NONEXISTENT_REGION: 'false' },
  } as const;
}

/** A certificate and key for moto's HTTPS endpoint; the certificate is also the CA bundle. */
export interface EmulatorTls {
  readonly cert: string;
  readonly key: string;
}

/** Writes a fresh self-signed pair for 127.0.0.1 into `directory` (scripts/lib/emulator_tls.py). */
export function writeEmulatorTls(projectRoot: string, directory: string): EmulatorTls {
  const result = spawnSync(
    join(projectRoot, '.venv', 'bin', 'python'),
    [join(projectRoot, 'scripts', 'lib', 'emulator_tls.py'), directory],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new ToolingError(
      'EMULATOR_START_FAILED',
      `Could not write the emulator's TLS certificate: ${result.stderr || result.error?.message}`,
    );
  }
  return { cert: join(directory, 'cert.pem'), key: join(directory, 'key.pem') };
}

export interface Emulator {
  readonly endpoint: string;
  readonly region: string;
  readonly kind: EmulatorKind;
  /** With `tls`: the certificate that signs the endpoint, to trust as a CA bundle. */
  readonly caBundle?: string;
  /** Environment variables that point the AWS SDK (and our code) at the emulator. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * The events S3 sent to Lambda functions so far, oldest first, as moto built them from the
   * buckets' notification configurations (moto only; it cannot run image functions, so
   * scripts/lib/moto_server.py records them). Empty for an external emulator.
   */
  lambdaEvents(): LambdaEvent[];
  /** With `recordIamDecisions`: every IAM authorization moto made, oldest first. */
  iamDecisions(): IamDecision[];
  /** POSTs `body` to `path` on the emulator (its own API, /moto-api/...), trusting its certificate. */
  post(
    path: string,
    body: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

export interface IamDecision {
  /** `<signing service>:<operation>`, e.g. s3:PutBucketPolicy, dynamodb:DescribeTable. */
  readonly action: string;
  /** The resource moto authorized against; `*` where moto does not determine one. */
  readonly resource: string;
  readonly allowed: boolean;
}

export interface LambdaEvent {
  readonly functionArn: string;
  readonly event: unknown;
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
  /**
   * Serve HTTPS (moto only) with a certificate made for this run. `env` then also names it
   * as AWS_CA_BUNDLE (Go, the AWS CLI) and NODE_EXTRA_CA_CERTS (Node child processes): what
   * a TLS-only bucket policy needs, since moto enforces aws:SecureTransport.
   * @default false
   */
  readonly tls?: boolean;
  /**
   * Record moto's IAM decisions (scripts/lib/moto_server.py, point 4) and judge each by its
   * action (and the resource where moto knows it), for the least-privilege apply test. moto
   * checks nothing until its auth is switched on (POST /moto-api/reset-auth).
   * @default false
   */
  readonly recordIamDecisions?: boolean;
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
      lambdaEvents: () => [],
      iamDecisions: () => [],
      post: (path, body, headers) => postTo(endpoint, path, body, headers),
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
  const endpoint = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  options.onProgress?.(`Starting the AWS emulator (moto) on ${endpoint}...`);
  // moto logs every request. Its output goes to a file, not a pipe: a pipe nobody drains
  // (our process busy or blocked in a synchronous call) fills up and stalls the emulator.
  const logDir = mkdtempSync(join(tmpdir(), 'moto-'));
  const logFile = join(logDir, 'moto.log');
  const lambdaEventsFile = join(logDir, 'lambda-events.jsonl');
  const iamDecisionsFile = join(logDir, 'iam-decisions.jsonl');
  const tls = options.tls ? writeEmulatorTls(projectRoot, logDir) : undefined;
  const ca = tls ? readFileSync(tls.cert, 'utf8') : undefined;
  const logFd = openSync(logFile, 'w');
  const moto = motoServerCommand(projectRoot, port, tls);
  const child = spawn(moto.command, moto.args, {
    stdio: ['ignore', logFd, logFd],
    env: {
      ...process.env,
      ...moto.env,
      MOTO_LAMBDA_EVENTS_FILE: lambdaEventsFile,
      ...(options.recordIamDecisions
        ? { MOTO_IAM_EVALUATION: 'actions', MOTO_IAM_DECISIONS_FILE: iamDecisionsFile }
        : {}),
    },
  });
  closeSync(logFd);
  const stderr = () => tailOf(logFile);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  try {
    await Promise.race([
      waitUntilReady(endpoint, readyTimeoutMs, ca),
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
    ...(tls ? { caBundle: tls.cert } : {}),
    env: {
      ...emulatorEnv(endpoint, EMULATOR_REGION, {}),
      ...(tls ? { AWS_CA_BUNDLE: tls.cert, NODE_EXTRA_CA_CERTS: tls.cert } : {}),
    },
    lambdaEvents: () => jsonLines<LambdaEvent>(lambdaEventsFile),
    iamDecisions: () => jsonLines<IamDecision>(iamDecisionsFile),
    post: (path, body, headers) => postTo(endpoint, path, body, headers, ca),
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

/**
 * Polls until any HTTP answer comes back; moto answers GET /. An HTTPS endpoint must present
 * a certificate `ca` signs (fetch cannot be given a CA, so it goes through node:https).
 */
export async function waitUntilReady(endpoint: string, timeoutMs: number, ca?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (ca !== undefined) {
        await httpsAnswer(endpoint, ca);
      } else {
        const response = await fetch(endpoint, { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
      }
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

function jsonLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

async function postTo(
  endpoint: string,
  path: string,
  body: string,
  headers: Record<string, string> = {},
  ca?: string,
): Promise<{ status: number; body: string }> {
  const url = new URL(path, endpoint);
  if (url.protocol === 'http:') {
    const response = await fetch(url, { method: 'POST', body, headers });
    return { status: response.status, body: await response.text() };
  }
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'POST', headers, ...(ca ? { ca } : {}) }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    req.once('error', reject);
    req.end(body);
  });
}

function httpsAnswer(endpoint: string, ca: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(endpoint, { ca, timeout: 2_000 }, (response) => {
      response.resume();
      resolve();
    });
    req.once('timeout', () => req.destroy(new Error('timed out')));
    req.once('error', reject);
    req.end();
  });
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

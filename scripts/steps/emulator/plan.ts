/**
 * Which emulator a workflow job starts: LocalStack (pinned image) when a
 * LOCALSTACK_AUTH_TOKEN secret exists, else moto's server from the project's .venv. Pure,
 * so the choice is tested without starting anything.
 */
import { motoServerCommand } from '../../lib/emulator.js';

/** The LocalStack image used when an auth token is present; bump deliberately. */
export const LOCALSTACK_IMAGE = 'localstack/localstack-pro:4.14.0';
export const LOCALSTACK_PORT = 4566;
export const LOCALSTACK_CONTAINER = 'workout-pipeline-localstack';

export type EmulatorLaunch =
  | {
      readonly kind: 'localstack';
      readonly endpoint: string;
      readonly command: 'docker';
      readonly args: readonly string[];
      /** Passed through the environment, never on the command line. */
      readonly env: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'moto';
      readonly endpoint: string;
      readonly command: string;
      readonly args: readonly string[];
      readonly env: Readonly<Record<string, string>>;
    };

export interface LaunchOptions {
  readonly localstackAuthToken?: string | undefined;
  readonly localstackImage?: string;
  readonly projectRoot: string;
  /** Free loopback port for moto. */
  readonly port: number;
}

export function planEmulator(options: LaunchOptions): EmulatorLaunch {
  const token = options.localstackAuthToken?.trim();
  if (token) {
    return {
      kind: 'localstack',
      endpoint: `http://127.0.0.1:${LOCALSTACK_PORT}`,
      command: 'docker',
      args: [
        'run',
        '--detach',
        '--rm',
        '--name',
        LOCALSTACK_CONTAINER,
        '--publish',
        `127.0.0.1:${LOCALSTACK_PORT}:${LOCALSTACK_PORT}`,
        // The value comes from this process's environment, so it never shows in `ps`.
        '--env',
        'LOCALSTACK_AUTH_TOKEN',
        // Lambda container images run as sibling containers.
        '--volume',
        '/var/run/docker.sock:/var/run/docker.sock',
        options.localstackImage ?? LOCALSTACK_IMAGE,
      ],
      env: { LOCALSTACK_AUTH_TOKEN: token },
    };
  }
  return {
    kind: 'moto',
    endpoint: `http://127.0.0.1:${options.port}`,
    ...motoServerCommand(options.projectRoot, options.port),
  };
}

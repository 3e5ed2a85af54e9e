/**
 * What both entry points build at cold start the same way: configuration, AWS clients traced
 * by X-Ray, the logger and the metrics (Powertools), and the clock. Tests pass their own
 * clients, logger, metrics and clock through the overrides.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { type AwsClients, createClients } from './adapters/clients.js';
import { type Config, loadConfig } from './config.js';

export interface AppOverrides {
  readonly clients?: AwsClients;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  readonly tracer?: Tracer;
  readonly now?: () => Date;
}

export interface Runtime {
  readonly config: Config;
  readonly clients: AwsClients;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
  readonly now: () => Date;
}

export function createRuntime(env: Record<string, string | undefined>, overrides: AppOverrides): Runtime {
  const config = loadConfig(env);
  // The stacks set it (stacks/config SERVICE_NAME); the same default when run without them.
  const serviceName = env.POWERTOOLS_SERVICE_NAME ?? 'workout-pipeline';
  // X-Ray: a subsegment per AWS call. Powertools turns itself off outside Lambda
  // (no AWS_EXECUTION_ENV), so tests and the local run trace nothing.
  const tracer = overrides.tracer ?? new Tracer({ serviceName });
  const clients = overrides.clients ?? traced(createClients(env, config), tracer);
  const logger =
    overrides.logger ??
    new Logger({
      serviceName,
      logLevel: (env.POWERTOOLS_LOG_LEVEL ?? 'INFO') as 'INFO',
    });
  const metrics =
    overrides.metrics ??
    new Metrics({
      namespace: config.metricsNamespace,
      serviceName,
      logger,
      ...(config.environmentName && { defaultDimensions: { environment: config.environmentName } }),
    });
  return { config, clients, logger, metrics, tracer, now: overrides.now ?? (() => new Date()) };
}

function traced(clients: AwsClients, tracer: Tracer): AwsClients {
  tracer.captureAWSv3Client(clients.s3);
  tracer.captureAWSv3Client(clients.s3Reads);
  tracer.captureAWSv3Client(clients.dynamodb);
  tracer.captureAWSv3Client(clients.sns);
  return clients;
}
